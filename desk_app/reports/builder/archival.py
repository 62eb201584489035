"""PDF/A-2b identification for final reports, done with reportlab's own document objects.

`mark_pdfa(canvas)` is called just before the canvas writes the file. It puts into the catalog

* an XMP metadata stream (``/Metadata``, unfiltered as PDF/A asks) with ``pdfaid:part`` 2 and
  ``pdfaid:conformance`` B, and the Info dictionary's values mirrored: ``dc:title`` (Title),
  ``dc:creator`` (Author), ``dc:description`` (Subject), ``pdf:Keywords``, ``xmp:CreatorTool``
  (Creator), ``pdf:Producer`` and ``xmp:CreateDate`` / ``xmp:ModifyDate`` (reportlab writes one
  timestamp as both CreationDate and ModDate; the XMP dates are the same instant and offset);
* an ``/OutputIntents`` array with one ``/GTS_PDFA1`` intent whose ``/DestOutputProfile`` is an
  embedded sRGB ICC profile (made by Pillow's littleCMS, which reportlab already depends on): the
  reports paint in DeviceRGB only.

reportlab always writes a trailer ``/ID`` and never encrypts unless asked, and the report fonts
are embedded TrueType subsets (see `page`), so with these two entries the file identifies itself
as PDF/A-2b. Not checked here: a full validator (veraPDF) may still object to details of
reportlab's output it cannot be told about, e.g. streams ending without an end-of-line before
``endstream``.
"""

from __future__ import annotations

import functools
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFDocument, PDFName, PDFStream, PDFString
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas

#: The output condition of the intent (the ICC registry name of sRGB).
SRGB_CONDITION = "sRGB IEC61966-2.1"


@functools.cache
def srgb_profile() -> bytes:
    """An sRGB ICC profile (display class, RGB), a few hundred bytes."""
    from PIL import ImageCms  # Pillow comes with reportlab; imported only for final files

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


class _MetadataStream(PDFStream):
    """The XMP packet as a stream without filters (reportlab would compress it; PDF/A forbids that)."""

    def __init__(self, packet: bytes) -> None:
        super().__init__(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), packet)

    def format(self, document: PDFDocument) -> bytes:
        dictionary = PDFDictionary(self.dictionary.dict.copy())
        content = document.encrypt.encode(self.content)
        dictionary["Length"] = len(content)
        return pdf_format(dictionary, document) + b"\nstream\n" + content + b"endstream\n"


def _xmp_date(document: PDFDocument) -> str:
    """The document's timestamp as XMP wants it, the same instant and offset as the Info dictionary's."""
    stamp = document._timeStamp
    year, month, day, hour, minute, second = stamp.YMDhms
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{stamp.dhh:+03d}:{stamp.dmm:02d}"


def xmp_packet(*, title: str, author: str, subject: str, keywords: str, creator: str, producer: str,
               date: str) -> bytes:
    """An XMP packet claiming PDF/A-2b with the given document information (UTF-8)."""
    e = escape
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{e(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(subject)}</rdf:li></rdf:Alt></dc:description>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{e(creator)}</xmp:CreatorTool>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>{e(producer)}</pdf:Producer>
   <pdf:Keywords>{e(keywords)}</pdf:Keywords>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
{" " * 60}
<?xpacket end="w"?>
"""
    return body.encode("utf-8")


def mark_pdfa(canvas: Canvas) -> None:
    """Add the XMP metadata and the sRGB output intent to the catalog of `canvas`'s document; call once,
    before `Canvas.save`."""
    document: PDFDocument = canvas._doc
    info = document.info
    packet = xmp_packet(title=str(info.title), author=str(info.author), subject=str(info.subject),
                        keywords=str(info.keywords), creator=str(info.creator), producer=str(info.producer),
                        date=_xmp_date(document))
    catalog = document.Catalog
    catalog.Metadata = _MetadataStream(packet)
    profile = PDFStream(PDFDictionary({"N": 3}), srgb_profile())
    intent = PDFDictionary({
        "Type": PDFName("OutputIntent"),
        "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString(SRGB_CONDITION),
        "Info": PDFString(SRGB_CONDITION),
        "RegistryName": PDFString("http://www.color.org"),
        "DestOutputProfile": document.Reference(profile),
    })
    catalog.OutputIntents = PDFArray([intent])
    # reportlab's catalog writes only the keys it lists; OutputIntents is not among them
    if "OutputIntents" not in catalog.__NoDefault__:
        catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
