"""The desk's certificate authority and its users' signing keys (R45).

No private key is ever stored in clear: the authority's key is kept once per administrator who may
issue certificates (`AuthoritySlot`), each copy wrapped under that administrator's password, and a
user's key is wrapped under their own password. A copy of the database alone cannot sign.
"""

from peewee import BlobField, CharField, DateTimeField, ForeignKeyField, TextField

from desk_app.models.base import BaseModel, now
from desk_app.models.people import User


class SigningAuthority(BaseModel):
    """The desk's own certificate authority (one row; a second one only if a desk ever re-creates it)."""

    org_name = CharField(default="")
    cert_pem = TextField()
    fingerprint = CharField(unique=True)
    created_at = DateTimeField(default=now)


class AuthoritySlot(BaseModel):
    """The authority's private key, wrapped under one administrator's password."""

    authority = ForeignKeyField(SigningAuthority, backref="slots", on_delete="CASCADE")
    user = ForeignKeyField(User, backref="+", on_delete="CASCADE")
    key_blob = BlobField()
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("authority", "user"), True),)


class SigningKey(BaseModel):
    """A user's signing key and certificate. `cert_pem` stays "" until an administrator's password
    unlocks the authority to issue it; `revoked_at` is set when the key is replaced or the user disabled."""

    user = ForeignKeyField(User, backref="+", on_delete="CASCADE", index=True)
    public_key_pem = TextField()
    key_blob = BlobField()
    cert_pem = TextField(default="")
    chain_pem = TextField(default="")  # an imported key's issuing certificates, PEM one after another
    fingerprint = CharField(default="", index=True)
    source = CharField(default="desk")  # desk: made here; pkcs12: the user's own, imported
    created_at = DateTimeField(default=now)
    issued_at = DateTimeField(null=True)
    revoked_at = DateTimeField(null=True)
