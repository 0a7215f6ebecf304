"""The DEALER session with the hub (docs/protocol.md 2, 4, 5.5): CURVE, Hello/Welcome,
heartbeats, requests answered by request_id, and starting again on a lost link.

Single-threaded: nothing happens unless the caller calls receive(), request() or
hello(); every wait is bounded by a deadline.
"""
import itertools
import time
from dataclasses import dataclass

import zmq
from zmq.utils.monitor import recv_monitor_message

from opsroom import frames
from opsroom.keys import apply_curve
from opsroom.wire import Body, ClientRole, Nack, RejectReason, Welcome

HEARTBEAT_INTERVAL_S = 1.0   # kHeartbeatIntervalMs
PEER_EXPIRY_S = 3.0          # kPeerExpiryMs: a request unanswered this long means the link is lost
ROLES = {"national": ClientRole.ClientRole.NationalNode, "partner": ClientRole.ClientRole.PartnerAgency,
         "console": ClientRole.ClientRole.Console, "planner": ClientRole.ClientRole.Planner}
_AUTH_EVENTS = (zmq.EVENT_HANDSHAKE_FAILED_AUTH | zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL |
                zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL | zmq.EVENT_HANDSHAKE_SUCCEEDED)


class HubUnreachable(Exception):
    """No answer within the deadline; the message says what was last seen (e.g. a refused handshake)."""


class Refused(Exception):
    """The hub answered a Hello or a query with a Nack."""

    def __init__(self, code, reason):
        super().__init__("%s (%d): %s" % (frames.reason_name(code), code, reason))
        self.code, self.reason = code, reason


@dataclass(frozen=True)
class WelcomeInfo:
    hub_id: str
    hub_seq: int
    last_node_seq: int
    heartbeat_interval_ms: int
    max_frame_bytes: int
    durable: bool


def fanout_endpoint(endpoint):
    """The PUB socket is the ROUTER's port + 1 (section 2)."""
    host, port = endpoint.rsplit(":", 1)
    return "%s:%d" % (host, int(port) + 1)


def open_socket(context, kind, endpoint, keys):
    socket = context.socket(kind)
    socket.setsockopt(zmq.LINGER, 0)
    apply_curve(socket, keys)  # before connect (2.1)
    return socket


class Link:
    def __init__(self, endpoint, keys, country, role="national", node_id=None, software="opsroom-python/0.1",
                 context=None):
        self.endpoint, self.keys, self.country, self.role = endpoint, keys, country, ROLES[role]
        self.node_id = node_id or (keys.node_id if keys else None)
        if not self.node_id:
            raise ValueError("a node id is needed (the key file's name gives it)")
        self.software = software
        self.context = context or zmq.Context.instance()
        self.handlers = []            # f(frame) for frames nobody is waiting for (Ack, Nack of publishes)
        self.on_welcome = []          # f(WelcomeInfo) after every Welcome (resend what is pending)
        self.outbox_state = lambda: (0, 0)  # (depth, oldest unsent age ms) for heartbeats
        self.welcome = None
        self.handshake_detail = ""
        self._request_ids = itertools.count(1)
        self._socket = self._monitor = None
        self._last_sent = 0.0
        self._open()

    # ---- sockets -------------------------------------------------------------------
    def _open(self):
        self._socket = open_socket(self.context, zmq.DEALER, self.endpoint, self.keys)
        self._monitor = self._socket.get_monitor_socket(_AUTH_EVENTS)
        self._socket.connect(self.endpoint)

    def _close_sockets(self):
        if self._socket is not None:
            self._socket.disable_monitor()
            self._monitor.close()
            self._socket.close()
            self._socket = self._monitor = None

    def close(self):
        self._close_sockets()

    def reopen(self):
        """libzmq does not reconnect after a refused handshake: a new socket (2.1, 5.5)."""
        self._close_sockets()
        self.welcome = None
        self._open()

    def _read_monitor(self):
        while self._monitor.poll(0):
            event = recv_monitor_message(self._monitor)
            if event["event"] == zmq.EVENT_HANDSHAKE_FAILED_AUTH:
                self.handshake_detail = "the hub refused our key (ZAP status %s): is it registered?" % event["value"]
            elif event["event"] == zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL:
                self.handshake_detail = "CURVE handshake failed: a wrong hub key?"
            elif event["event"] == zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL:
                self.handshake_detail = "handshake protocol error (a plain-text hub?)"
            elif event["event"] == zmq.EVENT_HANDSHAKE_SUCCEEDED:
                self.handshake_detail = ""

    # ---- sending and receiving ---------------------------------------------------------
    def send(self, frame_bytes):
        self._socket.send(frame_bytes)
        self._last_sent = time.monotonic()

    def _heartbeat_if_due(self):
        if self.welcome is not None and time.monotonic() - self._last_sent >= HEARTBEAT_INTERVAL_S:
            depth, age_ms = self.outbox_state()
            self.send(frames.heartbeat(self.node_id, depth, age_ms, self.software))

    def receive(self, timeout_s):
        """The next frame from the hub, or None after timeout_s; heartbeats meanwhile."""
        deadline = time.monotonic() + timeout_s
        while True:
            self._heartbeat_if_due()
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            wait_ms = max(1, int(min(left, HEARTBEAT_INTERVAL_S / 2) * 1000))
            if self._socket.poll(wait_ms):
                data = self._socket.recv()
                try:
                    return frames.read_frame(data)
                except frames.FrameError:
                    continue  # not from an opsroom hub; nothing to answer
            self._read_monitor()

    def service(self, max_frames=1000):
        """Without waiting: a heartbeat if due, then the frames already here go to the handlers."""
        self._heartbeat_if_due()
        for _ in range(max_frames):
            if not self._socket.poll(0):
                break
            try:
                self.dispatch(frames.read_frame(self._socket.recv()))
            except frames.FrameError:
                continue
        self._read_monitor()

    def dispatch(self, frame):
        for handler in self.handlers:
            handler(frame)

    # ---- Hello / Welcome -----------------------------------------------------------------
    def hello(self, timeout_s=30.0):
        """Says Hello until Welcome (section 4); reopens the socket when unanswered (5.5)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            self.send(frames.hello(self.node_id, self.country, self.role, self.software))
            answer = self._await_welcome(min(deadline, time.monotonic() + PEER_EXPIRY_S))
            if isinstance(answer, WelcomeInfo):
                self.welcome = answer
                for hook in self.on_welcome:
                    hook(answer)
                return answer
            if answer == "retry-later":
                time.sleep(max(0.0, min(PEER_EXPIRY_S, deadline - time.monotonic())))
            else:
                self.reopen()
        self._read_monitor()
        raise HubUnreachable("no Welcome from %s within %.0f s%s" % (
            self.endpoint, timeout_s, ": " + self.handshake_detail if self.handshake_detail else ""))

    def _await_welcome(self, until):
        while True:
            frame = self.receive(until - time.monotonic())
            if frame is None:
                return "silent"
            kind = frame.BodyType()
            if kind == Body.Body.Welcome:
                w = frames.body_as(frame, Welcome.Welcome)
                return WelcomeInfo((w.HubId() or b"").decode(), w.HubSeq(), w.LastNodeSeq(),
                                   w.HeartbeatIntervalMs(), w.MaxFrameBytes(), bool(w.Durable()))
            if kind == Body.Body.Nack:
                nack = frames.body_as(frame, Nack.Nack)
                if nack.Code() == RejectReason.RejectReason.NoSession:
                    continue  # answers a frame sent before this Hello (5.5)
                if nack.NodeSeq() == 0 and frame.RequestId() == 0:
                    if frames.is_retry_later(nack.Code()):
                        return "retry-later"
                    raise Refused(nack.Code(), (nack.Reason() or b"").decode())
            self.dispatch(frame)

    # ---- queries ---------------------------------------------------------------------------
    def request(self, build, timeout_s=30.0):
        """Sends build(request_id) and returns the reply carrying that request_id.

        Says Hello first when there is no session, and again on NoSession; a request
        unanswered for PEER_EXPIRY_S reopens the link (5.5). A Nack reply raises Refused.
        """
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.welcome is None:
                self.hello(max(0.1, deadline - time.monotonic()))
            request_id = next(self._request_ids)
            self.send(build(request_id))
            reply = self._await_reply(request_id, min(deadline, time.monotonic() + PEER_EXPIRY_S))
            if reply is None:
                self.reopen()
                continue
            if reply.BodyType() == Body.Body.Nack:
                nack = frames.body_as(reply, Nack.Nack)
                if nack.Code() == RejectReason.RejectReason.NoSession:
                    self.welcome = None
                    continue
                raise Refused(nack.Code(), (nack.Reason() or b"").decode())
            return reply
        raise HubUnreachable("no answer from %s within %.0f s" % (self.endpoint, timeout_s))

    def _await_reply(self, request_id, until):
        while True:
            frame = self.receive(until - time.monotonic())
            if frame is None:
                return None
            if frame.RequestId() == request_id:
                return frame
            self.dispatch(frame)
