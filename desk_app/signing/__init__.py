"""PDF signatures and the desk's certificates (R45, R46): pyHanko and cryptography on plain data (bytes in, bytes out)."""
