"""Publishing with acknowledgements (docs/protocol.md 5.3-5.5).

Every report gets the next node_seq (above Welcome.last_node_seq) and stays pending,
in memory, until an AckEntry or a final Nack with its node_seq arrives. After every
Welcome the pending reports are sent again in node_seq order (resends are answered
as duplicates with the original hub_seq); a 5xx refusal keeps them and retries.
Without an outbox the pending set lives in this process only: a report pending when
it exits is lost to the room. With `outbox=Outbox(DIR)` each report is synced to disk
before it is sent and sent again by the next Publisher on that directory.
"""
import os
import time
from collections import OrderedDict
from dataclasses import dataclass

from opsroom import frames
from opsroom.link import PEER_EXPIRY_S, HubUnreachable
from opsroom.wire import Ack, Body, Nack, RejectReason


@dataclass(frozen=True)
class Outcome:
    node_seq: int
    accepted: bool
    hub_seq: int = 0          # accepted: where the hub logged it
    duplicate: bool = False   # accepted earlier: hub_seq is the original one
    code: int = 0             # refused: the RejectReason
    reason: str = ""

    def __str__(self):
        if self.accepted:
            return "ok hub_seq=%d%s" % (self.hub_seq, " duplicate" if self.duplicate else "")
        return "error %s (%d): %s" % (frames.reason_name(self.code), self.code, self.reason)


class Publisher:
    def __init__(self, link, outbox=None):
        self.link = link
        self.outbox = outbox
        self.pending = OrderedDict()    # node_seq -> (envelope bytes, first queued monotonic time)
        for node_seq, envelope in (outbox.pending() if outbox else []):
            self.pending[node_seq] = (envelope, time.monotonic())   # sent after the next Welcome
        self.outcomes = {}
        self.next_seq = 1
        self._last_progress = time.monotonic()
        self._retry_at = None
        link.handlers.append(self._on_frame)
        link.on_welcome.append(self._on_welcome)
        link.outbox_state = self._outbox_state

    def start(self, timeout_s=30.0):
        """Hello; new reports continue from Welcome.last_node_seq + 1 (5.4)."""
        return self.link.hello(timeout_s)

    def publish(self, build):
        """Queues and sends a report; build(node_seq, message_id) -> envelope bytes. Returns its node_seq."""
        if self.link.welcome is None:
            self.start()
        node_seq = self.next_seq
        self.next_seq += 1
        message_id = "%s:%d:%s" % (self.link.node_id, node_seq, os.urandom(4).hex())
        envelope = build(node_seq, message_id)
        if self.outbox is not None:
            self.outbox.put(node_seq, envelope)
        self.pending[node_seq] = (envelope, time.monotonic())
        if len(self.pending) == 1:
            self._last_progress = time.monotonic()   # the first in flight: its answer is due from now
        if self._retry_at is None:
            self._send(envelope)
        return node_seq

    def wait(self, node_seqs, timeout_s=30.0):
        """Outcomes of the given node_seqs (all of them, or HubUnreachable at the deadline)."""
        wanted = set(node_seqs)
        deadline = time.monotonic() + timeout_s
        while not wanted <= self.outcomes.keys():
            left = deadline - time.monotonic()
            if left <= 0:
                missing = sorted(wanted - self.outcomes.keys())
                raise HubUnreachable("no answer for node_seq %s within %.0f s" % (missing, timeout_s))
            self.pump(min(left, 0.5))
        return {seq: self.outcomes[seq] for seq in node_seqs}

    def pump(self, timeout_s):
        """Reads the hub's answers for up to timeout_s; resends and reconnects when due."""
        frame = self.link.receive(timeout_s)
        if frame is not None:
            self.link.dispatch(frame)
        now = time.monotonic()
        if self._retry_at is not None and now >= self._retry_at:
            self._retry_at = None
            self._resend_all()
        elif self.pending and self.link.welcome is None:
            self.link.hello()
        elif self.pending and now - self._last_progress > PEER_EXPIRY_S:
            self.link.reopen()   # sent, unanswered: the link is lost (5.5)
            self.link.hello()

    # ---- answers ------------------------------------------------------------------------
    def _on_frame(self, frame):
        kind = frame.BodyType()
        if kind == Body.Body.Ack:
            ack = frames.body_as(frame, Ack.Ack)
            for i in range(ack.EntriesLength()):
                entry = ack.Entries(i)
                self._settle(Outcome(entry.NodeSeq(), True, entry.HubSeq(), bool(entry.Duplicate())))
        elif kind == Body.Body.Nack:
            nack = frames.body_as(frame, Nack.Nack)
            seq, code = nack.NodeSeq(), nack.Code()
            if seq not in self.pending:
                return
            self._last_progress = time.monotonic()
            if code == RejectReason.RejectReason.NoSession:
                self.link.welcome = None          # not a refusal: Hello again, then resend (5.5)
            elif frames.is_retry_later(code):
                self._retry_at = time.monotonic() + PEER_EXPIRY_S   # same node_seq, later, in order
            else:
                self._settle(Outcome(seq, False, code=code, reason=(nack.Reason() or b"").decode()))

    def _settle(self, outcome):
        self._last_progress = time.monotonic()
        was_pending = self.pending.pop(outcome.node_seq, None) is not None
        if was_pending or outcome.node_seq not in self.outcomes:
            self.outcomes[outcome.node_seq] = outcome
        if was_pending and self.outbox is not None:
            self.outbox.settle(outcome.node_seq, str(outcome))

    def _on_welcome(self, welcome):
        self.next_seq = max([self.next_seq, welcome.last_node_seq + 1] + [seq + 1 for seq in self.pending])
        self._resend_all()

    def _resend_all(self):
        self._last_progress = time.monotonic()
        for envelope, _ in self.pending.values():
            self._send(envelope)

    def _send(self, envelope):
        self.link.send(frames.publish(envelope))

    def _outbox_state(self):
        if not self.pending:
            return 0, 0
        oldest = next(iter(self.pending.values()))[1]
        return len(self.pending), int((time.monotonic() - oldest) * 1000)
