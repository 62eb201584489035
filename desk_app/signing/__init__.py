"""PDF signatures and the desk's certificates (R45, R46): pyHanko and cryptography, bytes in, bytes out.

- `pki`: the desk's signing authority (a self-signed EC P-256 CA), users' certificates, private keys
  wrapped with the user's password (scrypt + AES-GCM), and users' own PKCS#12 files.
- `pdf_sign`: one visible PAdES signature (B-B, or B-T with a timestamp) per call, as an incremental
  update, so the reviewer's signature stays valid when the approver signs.
- `pdf_verify`: the offline check of every signature of a file against the desk's CA certificates and
  its revocation list; a damaged file is a verdict, never an exception.

An adapter: plain data only, no database, services or Qt.
"""

import warnings

# pyHanko imports cryptography's DSA type (which it never uses here); cryptography then warns on
# every command line run. The desk signs with EC P-256 only.
warnings.filterwarnings("ignore", message="DSA is deprecated", module="pyhanko")
