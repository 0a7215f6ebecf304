"""Building and reading protocol frames (docs/protocol.md 3, 4, 5.1, 8).

Every DEALER message is one finished FlatBuffer whose root is `Frame`, with file
identifier OPSF; an Envelope travels as the bytes of its own finished buffer.
"""
import time

import flatbuffers

from opsroom import PROTOCOL_VERSION
from opsroom.wire import (Body, Frame, Heartbeat, Hello, Publish, RejectReason, ReplayRequest, SnapshotRequest,
                          StatsRequest)

IDENTIFIER = b"OPSF"


class FrameError(ValueError):
    """Bytes from the hub that are not an opsroom Frame."""


def now_ms():
    return int(time.time() * 1000)


def _names(enum_class):
    return {value: name for name, value in vars(enum_class).items() if not name.startswith("_")}


_BODY_NAMES = _names(Body.Body)
_REASON_NAMES = _names(RejectReason.RejectReason)


def body_name(code):
    return _BODY_NAMES.get(code, "Body(%d)" % code)


def reason_name(code):
    return _REASON_NAMES.get(code, "Reason(%d)" % code)


def is_retry_later(code):
    """5xx: the hub cannot take it now; keep the message and send it again (5.3)."""
    return 500 <= code < 600


def finish_frame(builder, body_type, body, request_id=0):
    Frame.Start(builder)
    Frame.AddRequestId(builder, request_id)
    Frame.AddBodyType(builder, body_type)
    Frame.AddBody(builder, body)
    builder.Finish(Frame.End(builder), file_identifier=IDENTIFIER)
    return bytes(builder.Output())


def hello(node_id, country, role, software):
    b = flatbuffers.Builder(256)
    s_node, s_country, s_software = b.CreateString(node_id), b.CreateString(country), b.CreateString(software)
    Hello.Start(b)
    Hello.AddProtocolVersion(b, PROTOCOL_VERSION)
    Hello.AddNodeId(b, s_node)
    Hello.AddCountry(b, s_country)
    Hello.AddRole(b, role)
    Hello.AddSoftwareVersion(b, s_software)
    return finish_frame(b, Body.Body.Hello, Hello.End(b))


def heartbeat(node_id, outbox_depth, oldest_unsent_age_ms, software):
    b = flatbuffers.Builder(128)
    s_node, s_software = b.CreateString(node_id), b.CreateString(software)
    Heartbeat.Start(b)
    Heartbeat.AddNodeId(b, s_node)
    Heartbeat.AddAtMs(b, now_ms())
    Heartbeat.AddOutboxDepth(b, outbox_depth)
    Heartbeat.AddOldestUnsentAgeMs(b, oldest_unsent_age_ms)
    Heartbeat.AddSoftwareVersion(b, s_software)
    return finish_frame(b, Body.Body.Heartbeat, Heartbeat.End(b))


def aligned_bytes_vector(builder, data):
    """A [ubyte] vector starting on an 8-byte boundary (5.1); flatc's helper aligns to 1."""
    builder.StartVector(1, len(data), 8)
    builder.head = builder.head - len(data)
    builder.Bytes[builder.head:builder.head + len(data)] = data
    return builder.EndVector()


def publish(envelope):
    b = flatbuffers.Builder(len(envelope) + 64)
    vector = aligned_bytes_vector(b, envelope)
    Publish.Start(b)
    Publish.AddEnvelope(b, vector)
    return finish_frame(b, Body.Body.Publish, Publish.End(b))


def snapshot_request(request_id, token, max_items=0):
    b = flatbuffers.Builder(64)
    SnapshotRequest.Start(b)
    SnapshotRequest.AddToken(b, token)
    SnapshotRequest.AddMaxItems(b, max_items)
    return finish_frame(b, Body.Body.SnapshotRequest, SnapshotRequest.End(b), request_id)


def replay_request(request_id, from_seq, max_events=0):
    b = flatbuffers.Builder(64)
    ReplayRequest.Start(b)
    ReplayRequest.AddFromSeq(b, from_seq)
    ReplayRequest.AddMaxEvents(b, max_events)
    return finish_frame(b, Body.Body.ReplayRequest, ReplayRequest.End(b), request_id)


def stats_request(request_id):
    b = flatbuffers.Builder(32)
    StatsRequest.Start(b)
    return finish_frame(b, Body.Body.StatsRequest, StatsRequest.End(b), request_id)


def read_frame(data):
    if len(data) < 8 or not Frame.Frame.FrameBufferHasIdentifier(data, 0):
        raise FrameError("%d bytes without the OPSF identifier" % len(data))
    return Frame.Frame.GetRootAs(data, 0)


def body_as(frame, cls):
    """The frame's union body read as `cls` (check frame.BodyType() first)."""
    table = frame.Body()
    obj = cls()
    obj.Init(table.Bytes, table.Pos)
    return obj


def _ubyte_vector(table, vtable_slot):
    """A [ubyte] field's bytes, sliced at once (numpy, which flatc's helper needs, is optional)."""
    offset = table.Offset(vtable_slot)
    if offset == 0:
        return b""
    start, length = table.Vector(offset), table.VectorLen(offset)
    return bytes(table.Bytes[start:start + length])


def event_envelope(event):
    """Event.envelope (slot 8: hub_seq 4, hub_time_ms 6, envelope 8) as bytes."""
    return _ubyte_vector(event._tab, 8)


def blob_bytes(blob):
    """Blob.bytes (slot 4): a serialized Frame{Event} as logged."""
    return _ubyte_vector(blob._tab, 4)
