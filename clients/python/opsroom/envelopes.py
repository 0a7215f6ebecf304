"""Envelopes (docs/protocol.md 5.1): finished buffers without a file identifier.

A Publisher numbers messages itself, so a report is given to it as a function
(node_seq, message_id) -> envelope bytes; `alert(...)` makes one for an Alert.
"""
import flatbuffers

from opsroom.frames import now_ms
from opsroom.wire import (Alert, CrimeArea, Envelope, GeoPoint, InfoCredibility, Payload, Severity,
                          SourceReliability)


def finish_envelope(builder, origin, country, node_seq, message_id, payload_type, payload,
                    reliability=SourceReliability.SourceReliability.Unset,
                    credibility=InfoCredibility.InfoCredibility.Unset):
    s_origin, s_country, s_message = (builder.CreateString(origin), builder.CreateString(country),
                                      builder.CreateString(message_id))
    Envelope.Start(builder)
    Envelope.AddOrigin(builder, s_origin)
    Envelope.AddCountry(builder, s_country)
    Envelope.AddNodeSeq(builder, node_seq)
    Envelope.AddMessageId(builder, s_message)
    Envelope.AddSentAtMs(builder, now_ms())
    Envelope.AddReliability(builder, reliability)
    Envelope.AddCredibility(builder, credibility)
    Envelope.AddPayloadType(builder, payload_type)
    Envelope.AddPayload(builder, payload)
    builder.Finish(Envelope.End(builder))
    return bytes(builder.Output())


def alert(origin, country, alert_id, title, severity=Severity.Severity.Urgent,
          crime_area=CrimeArea.CrimeArea.MigrantSmuggling, position=None, place_code=None, observed_at_ms=None):
    """A report for Publisher.publish: an Alert (6: needs a position (lat, lon) or a place code;
    alert_id under the sender's node prefix, e.g. "ME-BP:A-17")."""
    observed = observed_at_ms if observed_at_ms is not None else now_ms()

    def build(node_seq, message_id):
        b = flatbuffers.Builder(512)
        s_alert_id, s_title = b.CreateString(alert_id), b.CreateString(title)
        s_place = b.CreateString(place_code) if place_code else None
        Alert.Start(b)
        Alert.AddAlertId(b, s_alert_id)
        Alert.AddSeverity(b, severity)
        Alert.AddCrimeArea(b, crime_area)
        Alert.AddTitle(b, s_title)
        if s_place is not None:
            Alert.AddPlaceCode(b, s_place)
        if position is not None:  # a struct is written inline, just before its slot
            Alert.AddPosition(b, GeoPoint.CreateGeoPoint(b, position[0], position[1]))
        Alert.AddObservedAtMs(b, observed)
        return finish_envelope(b, origin, country, node_seq, message_id, Payload.Payload.Alert, Alert.End(b))

    return build


def read_envelope(data):
    return Envelope.Envelope.GetRootAs(data, 0)


def describe(envelope):
    """A one-line summary: family, origin and the item's id/title where it has one."""
    names = {v: k for k, v in vars(Payload.Payload).items() if not k.startswith("_")}
    family = names.get(envelope.PayloadType(), "Payload(%d)" % envelope.PayloadType())
    text = "%s from %s" % (family, envelope.Origin().decode())
    if envelope.PayloadType() == Payload.Payload.Alert:
        item = Alert.Alert()
        table = envelope.Payload()
        item.Init(table.Bytes, table.Pos)
        text += " %s %r" % (item.AlertId().decode(), item.Title().decode())
    return text
