"""PDF signatures and the desk's certificates (R45, R46): pyHanko and cryptography, bytes in, bytes out."""
