"""A small durable outbox for the Publisher: reports survive the process until answered.

One file per pending report, `<node_seq>.env` (the envelope bytes exactly as sent,
message_id included, so a resend is recognised: docs/protocol.md 5.4), written to a
temporary name, synced and renamed, with the directory synced. An answered report's
file is removed after its outcome is appended, synced, to `outcomes.log`.

Numbering needs a session: a report gets its node_seq only after a Welcome (above
Welcome.last_node_seq and above every pending one), so an outbox never holds a number
the hub might have given to something else. The C++ opsroom-node's outbox also queues
while the hub is away; this one does not.
"""
import os

SUFFIX = ".env"


def _fsync_dir(path):
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Outbox:
    def __init__(self, directory):
        os.makedirs(directory, mode=0o700, exist_ok=True)
        self.directory = directory

    def _path(self, node_seq):
        return os.path.join(self.directory, "%020d%s" % (node_seq, SUFFIX))

    def put(self, node_seq, envelope):
        """Durable once it returns: written, synced, renamed into place, directory synced."""
        final = self._path(node_seq)
        temporary = final + ".tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, envelope)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, final)
        _fsync_dir(self.directory)

    def settle(self, node_seq, outcome_text):
        """Records the hub's answer, then forgets the report."""
        with open(os.path.join(self.directory, "outcomes.log"), "a", encoding="utf-8") as log:
            log.write("%d %s\n" % (node_seq, outcome_text))
            log.flush()
            os.fsync(log.fileno())
        try:
            os.remove(self._path(node_seq))
        except FileNotFoundError:
            pass
        _fsync_dir(self.directory)

    def pending(self):
        """[(node_seq, envelope bytes)] in node_seq order; unfinished temporary files are ignored."""
        found = []
        for name in os.listdir(self.directory):
            if name.endswith(SUFFIX) and name[:-len(SUFFIX)].isdigit():
                with open(os.path.join(self.directory, name), "rb") as handle:
                    found.append((int(name[:-len(SUFFIX)]), handle.read()))
        return sorted(found)
