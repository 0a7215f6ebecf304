"""CurveZMQ key files (docs/protocol.md 2.1): the zcert text format opsroom-keys writes.

A file holds `public-key = "<Z85>"` and, in a secret file, `secret-key = "<Z85>"`.
A secret file that its group or others can read is refused, as the C++ tools do.
"""
import os
import stat
from dataclasses import dataclass

from zmq.utils import z85

Z85_KEY_CHARS = 40
INLINE_PREFIX = "z85:"
MAX_LINES = 64


class KeyFileError(ValueError):
    """A key file that cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class ClientKeys:
    """What a CURVE client socket needs: its own pair and the hub's public key (Z85)."""
    public_z85: str
    secret_z85: str
    server_z85: str
    node_id: str  # from the key file's name, NAME.key (the id registered with the hub)


def is_z85_key(text):
    if len(text) != Z85_KEY_CHARS:
        return False
    try:
        return len(z85.decode(text.encode("ascii"))) == 32
    except (ValueError, UnicodeEncodeError, KeyError, IndexError, TypeError):
        return False


def _value(line, name):
    stripped = line.strip()
    if not stripped.startswith(name):
        return ""
    rest = stripped[len(name):].lstrip()
    if not rest.startswith("="):
        return ""
    rest = rest[1:].strip()
    if len(rest) < 2 or rest[0] != '"' or '"' not in rest[1:]:
        return ""
    return rest[1:rest.index('"', 1)]


def read_key_file(path):
    """(public_z85, secret_z85 or "") from a zcert file; refuses a readable secret."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = [line for _, line in zip(range(MAX_LINES), handle)]
    except OSError as error:
        raise KeyFileError("cannot read key file %s: %s" % (path, error.strerror)) from None
    public, secret = "", ""
    for line in lines:
        public = _value(line, "public-key") or public
        secret = _value(line, "secret-key") or secret
    if not is_z85_key(public):
        raise KeyFileError("%s holds no valid public-key" % path)
    if secret:
        if not is_z85_key(secret):
            raise KeyFileError("%s holds an invalid secret-key" % path)
        if os.stat(path).st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise KeyFileError("%s holds a secret key but is readable by group or others: chmod 600 %s" % (path, path))
    return public, secret


def public_key_from(text):
    """The hub's key: `z85:<KEY>` inline, else a path always read as a key file."""
    if text.startswith(INLINE_PREFIX):
        key = text[len(INLINE_PREFIX):]
        if not is_z85_key(key):
            raise KeyFileError('"%s" is not z85: followed by a 40-character Z85 public key' % text)
        return key
    if not os.path.exists(text) and is_z85_key(text):
        raise KeyFileError("no key file %s (to give a Z85 key itself, write z85:%s)" % (text, text))
    return read_key_file(text)[0]


def node_id_of_key_file(path):
    name = os.path.basename(path)
    return name[:-4] if name.endswith(".key") and len(name) > 4 else name


def load_client_keys(key_file, hub_key):
    """Keys for a client: NODE.key (secret, mode 0600) and the hub's hub.pub (or z85:KEY)."""
    public, secret = read_key_file(key_file)
    if not secret:
        raise KeyFileError("%s holds only a public key; give the secret file (NAME.key, not NAME.pub)" % key_file)
    try:
        server = public_key_from(hub_key)
    except KeyFileError as error:
        raise KeyFileError("the hub's public key: %s" % error) from None
    return ClientKeys(public, secret, server, node_id_of_key_file(key_file))


def apply_curve(socket, keys):
    """Makes `socket` a CURVE client; must be called before connect (2.1)."""
    if keys is None:
        return  # plain text: only a hub run with --insecure answers
    socket.curve_serverkey = keys.server_z85.encode("ascii")
    socket.curve_publickey = keys.public_z85.encode("ascii")
    socket.curve_secretkey = keys.secret_z85.encode("ascii")
