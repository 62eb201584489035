"""PDF reports and forms (reportlab). Plain data in, a PDF file out: no Qt, no database here.

`builder` is the shared layout every report uses; `fonts` finds and registers the CJK font.
"""
