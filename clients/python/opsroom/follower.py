"""Following the room (docs/protocol.md 7, 8): the late-joiner algorithm.

1. open the SUB socket first and buffer live events;
2. take a snapshot: the hub's current state at hub sequence N;
3. replay from N + 1 until the replay reaches the live events;
4. apply buffered and then live events with hub_seq > last applied,
filling any gap (an event above last + 1, a HubStatus above last that is still there
after a short grace) by replay. A re-marking that concerns us, or a hub that went back
in time, starts again from a snapshot (on_reset tells the caller to drop its state).
"""
import time
from dataclasses import dataclass

import zmq

from opsroom import frames
from opsroom.link import PEER_EXPIRY_S, HubUnreachable, Refused, fanout_endpoint, open_socket
from opsroom.wire import Body, Event, HubStatus, RejectReason, ReplayPage, SnapshotPage

SUBSCRIPTIONS = (b"ev.", b"st", b"audit")
STATUS_GAP_GRACE_S = 0.3   # fan-out and status travel separately and may race (7)
MAX_PAGES = 100_000        # bounds every paging loop (a page holds up to 1,000 events)
HEARTBEAT_SLICE_S = 0.25   # how long poll() reads the fan-out before serving the DEALER again


@dataclass(frozen=True)
class Delivered:
    hub_seq: int
    hub_time_ms: int
    envelope: bytes     # the originator's envelope bytes, verbatim (opsroom.envelopes.read_envelope)
    source: str         # "snapshot", "replay" or "live"


class Follower:
    """on_event(Delivered) for every event in hub order; on_reset() before a new snapshot;
    on_status(HubStatus) and on_audit_head(Frame) for the rest of the fan-out."""

    def __init__(self, link, on_event, on_reset=None, on_status=None, on_audit_head=None):
        self.link = link
        self.on_event, self.on_reset = on_event, on_reset or (lambda: None)
        self.on_status, self.on_audit_head = on_status or (lambda s: None), on_audit_head or (lambda f: None)
        self.last_applied = 0
        self.highest_seen_hub_seq = 0
        self.buffered = []
        self._status_gap_since = None
        self._need_snapshot = True
        self._last_status = 0.0
        self.sub = None
        link.on_welcome.append(self._on_welcome)

    # ---- starting ---------------------------------------------------------------------
    def start(self, timeout_s=30.0):
        """Steps 1 to 4: subscribe(), then catch_up() (snapshot, replay, buffered events)."""
        self.subscribe(timeout_s)
        self.catch_up(timeout_s)

    def subscribe(self, timeout_s=30.0):
        """Step 1: the SUB socket, buffering, until its subscription has reached the hub (7)."""
        self._open_sub()
        self._wait_first_status(timeout_s)
        if self.link.welcome is None:
            self.link.hello(timeout_s)

    def take_snapshot(self, timeout_s=30.0):
        """Step 2 on its own: catch_up() takes one when needed; a caller may take it first."""
        self._snapshot(timeout_s)

    def catch_up(self, timeout_s=30.0):
        """Steps 2 to 4: a snapshot if none is held, replay to the end, the buffered events."""
        if self._need_snapshot:
            self._snapshot(timeout_s)
        self._replay(timeout_s)
        buffered, self.buffered = self.buffered, []
        for delivered in buffered:
            self._apply_live(delivered)

    def _open_sub(self):
        if self.sub is not None:
            self.sub.close()
        self.sub = open_socket(self.link.context, zmq.SUB, fanout_endpoint(self.link.endpoint), self.link.keys)
        for prefix in SUBSCRIPTIONS:
            self.sub.setsockopt(zmq.SUBSCRIBE, prefix)
        self.sub.connect(fanout_endpoint(self.link.endpoint))

    def _wait_first_status(self, timeout_s):
        deadline = time.monotonic() + timeout_s
        start = self._last_status
        while self._last_status == start:
            left = deadline - time.monotonic()
            if left <= 0:
                raise HubUnreachable("no HubStatus on %s within %.0f s (is our key registered?)" % (
                    fanout_endpoint(self.link.endpoint), timeout_s))
            self._read_sub(min(left, 0.5), buffer_only=True)

    def _snapshot(self, timeout_s):
        self.on_reset()
        self._need_snapshot = False
        token, events, last = 0, [], 0
        for _ in range(MAX_PAGES):
            try:
                reply = self.link.request(lambda rid: frames.snapshot_request(rid, token), timeout_s)
            except Refused as refused:
                if refused.code != RejectReason.RejectReason.SnapshotExpired:
                    raise
                token, events = 0, []   # the token expired (or too many open): start again (8.1)
                continue
            if reply.BodyType() != Body.Body.SnapshotPage:
                raise HubUnreachable("a snapshot request answered with " + frames.body_name(reply.BodyType()))
            page = frames.body_as(reply, SnapshotPage.SnapshotPage)
            token, last = page.Token(), page.HubSeq()
            events.extend(self._blob_events(page, "snapshot"))
            if page.Done():
                break
        for delivered in events:   # applied once the last page has arrived (8.1)
            self.on_event(delivered)
        self.last_applied = last
        self.highest_seen_hub_seq = max(self.highest_seen_hub_seq, last)

    def _replay(self, timeout_s):
        for _ in range(MAX_PAGES):
            from_seq = self.last_applied + 1
            reply = self.link.request(lambda rid: frames.replay_request(rid, from_seq), timeout_s)
            if reply.BodyType() != Body.Body.ReplayPage:
                raise HubUnreachable("a replay request answered with " + frames.body_name(reply.BodyType()))
            page = frames.body_as(reply, ReplayPage.ReplayPage)
            if page.RemarkedLength() > 0:   # a marking changed that concerns us: start again (8.2)
                self._snapshot(timeout_s)
                continue
            for delivered in self._blob_events(page, "replay"):
                if delivered.hub_seq > self.last_applied:
                    self.on_event(delivered)
            self.last_applied = max(self.last_applied, page.NextSeq() - 1)   # withheld ones too
            self.highest_seen_hub_seq = max(self.highest_seen_hub_seq, page.HubSeq())
            if page.NextSeq() == from_seq or page.NextSeq() > page.HubSeq():
                return

    @staticmethod
    def _blob_events(page, source):
        for i in range(page.EventsLength()):
            frame = frames.read_frame(frames.blob_bytes(page.Events(i)))
            event = frames.body_as(frame, Event.Event)
            yield Delivered(event.HubSeq(), event.HubTimeMs(), frames.event_envelope(event), source)

    # ---- live ---------------------------------------------------------------------------
    def poll(self, timeout_s):
        """Handles the fan-out for up to timeout_s: live events, gaps, resets, status; and
        keeps the DEALER session alive meanwhile (heartbeats; its frames to link.handlers)."""
        deadline = time.monotonic() + timeout_s
        while True:
            self.link.service()
            left = deadline - time.monotonic()
            if left <= 0:
                break
            self._read_sub(min(left, HEARTBEAT_SLICE_S), buffer_only=False)
        if self._need_snapshot:
            self.catch_up(30.0)
        if self._last_status and time.monotonic() - self._last_status > PEER_EXPIRY_S:
            self._reconnect()   # no HubStatus for kPeerExpiryMs: the hub is lost (4.1)

    def _reconnect(self):
        self.link.reopen()
        self._open_sub()
        self._last_status = 0.0
        self._wait_first_status(30.0)
        self.link.hello(30.0)
        self.catch_up(30.0)

    def _read_sub(self, timeout_s, buffer_only):
        deadline = time.monotonic() + timeout_s
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not self.sub.poll(max(1, int(left * 1000))):
                return
            parts = self.sub.recv_multipart()
            if len(parts) != 2:
                continue
            topic, frame = parts[0].decode("ascii", "replace"), frames.read_frame(parts[1])
            if topic.startswith("st"):
                self._on_status(frames.body_as(frame, HubStatus.HubStatus), buffer_only)
            elif topic == "audit":
                self.on_audit_head(frame)
            elif topic.startswith("ev.") and frame.BodyType() == Body.Body.Event:
                event = frames.body_as(frame, Event.Event)
                delivered = Delivered(event.HubSeq(), event.HubTimeMs(), frames.event_envelope(event), "live")
                if buffer_only:
                    self.buffered.append(delivered)
                else:
                    self._apply_live(delivered)
            elif topic.startswith("ev.") and frame.BodyType() == Body.Body.Remarked:
                self._need_snapshot = True   # 10.3: our view of an item changed

    def _apply_live(self, delivered):
        if delivered.hub_seq <= self.last_applied:
            return   # already applied (snapshot, replay or a duplicate delivery)
        if delivered.hub_seq > self.last_applied + 1:
            self._replay(30.0)   # a gap: fill it first (7)
            if delivered.hub_seq <= self.last_applied:
                return
        self.on_event(delivered)
        self.last_applied = delivered.hub_seq

    def _on_status(self, status, buffer_only):
        self._last_status = time.monotonic()
        self.on_status(status)
        if buffer_only or status.HubSeq() <= self.last_applied:
            self._status_gap_since = None
            return
        if self._status_gap_since is None:
            self._status_gap_since = time.monotonic()
        elif time.monotonic() - self._status_gap_since >= STATUS_GAP_GRACE_S:
            self._status_gap_since = None
            self._replay(30.0)

    def _on_welcome(self, welcome):
        # A hub restored from an older backup numbers its events again from there (8).
        if welcome.hub_seq < self.last_applied and welcome.hub_seq < self.highest_seen_hub_seq:
            self._need_snapshot = True
        self.highest_seen_hub_seq = max(self.highest_seen_hub_seq, welcome.hub_seq)

    def close(self):
        if self.sub is not None:
            self.sub.close()
            self.sub = None
