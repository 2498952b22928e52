"""The office's way of making the same letters: a Word mail-merge result (.docx), written with zipfile only.

What Word's "Finish & Merge → Edit individual documents" produces: one section per letter (so each letter's
footer counts its own pages with PAGE / SECTIONPAGES), the letter formatted as BreachDesk prints it (address
block, right-aligned date and sender, centred ゴシック title, 記 … 以上, indented particulars, bullets), Word's
usual package parts (styles with latent styles, settings, font table, theme, document properties).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from app.documents.model import Bullets, Heading, LetterContent, Para

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MINCHO, GOTHIC = "BIZ UDMincho", "BIZ UDGothic"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/>
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
</Relationships>"""
_LATENT = "".join(
    f'<w:lsdException w:name="{name}" w:uiPriority="{n}" w:qFormat="1"/>'
    for n, name in enumerate(
        [
            "Normal",
            *(f"heading {i}" for i in range(1, 10)),
            "caption",
            "Title",
            "Subtitle",
            "Strong",
            "Emphasis",
        ]
        + [f"Table Grid {i}" for i in range(1, 250)]
    )
)
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>
<w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/>
<w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="ja-JP" w:bidi="ar-SA"/>
</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>
<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" w:defUnhideWhenUsed="0" w:defQFormat="0" w:count="376">{_LATENT}</w:latentStyles>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr>
<w:rPr><w:rFonts w:ascii="{MINCHO}" w:eastAsia="{MINCHO}" w:hAnsi="{MINCHO}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:qFormat/>
<w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="{GOTHIC}" w:eastAsia="{GOTHIC}" w:hAnsi="{GOTHIC}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:qFormat/>
<w:pPr><w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>
<w:rPr><w:rFonts w:ascii="{GOTHIC}" w:eastAsia="{GOTHIC}" w:hAnsi="{GOTHIC}"/><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="footer"/><w:basedOn w:val="a"/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4252"/></w:tabs><w:jc w:val="center"/></w:pPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="a0"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
<w:style w:type="table" w:default="1" w:styleId="a1"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>
<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>"""
SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W}"><w:zoom w:percent="100"/><w:bordersDoNotSurroundHeader/><w:bordersDoNotSurroundFooter/>
<w:defaultTabStop w:val="840"/><w:drawingGridHorizontalSpacing w:val="105"/><w:drawingGridVerticalSpacing w:val="180"/>
<w:displayHorizontalDrawingGridEvery w:val="0"/><w:displayVerticalDrawingGridEvery w:val="2"/><w:characterSpacingControl w:val="compressPunctuation"/>
<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/>
<w:adjustLineHeightInTable/><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
<w:themeFontLang w:val="en-US" w:eastAsia="ja-JP"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>"""
FONT_TABLE = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="{W}"><w:font w:name="{MINCHO}"><w:charset w:val="80"/><w:family w:val="roman"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="{GOTHIC}"><w:charset w:val="80"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="Century"><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"""
THEME = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements>
<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>
<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1>
<a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>
<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink>
<a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>
<a:fontScheme name="Office"><a:majorFont><a:latin typeface="BIZ UDGothic"/><a:ea typeface="BIZ UDGothic"/><a:cs typeface=""/></a:majorFont>
<a:minorFont><a:latin typeface="BIZ UDMincho"/><a:ea typeface="BIZ UDMincho"/><a:cs typeface=""/></a:minorFont></a:fontScheme>
<a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill>
<a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>
<a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>
<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>
<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst>
</a:fmtScheme></a:themeElements></a:theme>"""
FOOTER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="a5"/></w:pPr>
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
<w:r><w:t xml:space="preserve"> / </w:t></w:r>
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> SECTIONPAGES </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
</w:p></w:ftr>"""
CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>個人情報の漏えい等に関するお知らせ</dc:title><dc:creator>株式会社サンプル商事</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">2027-07-05T09:00:00Z</dcterms:created></cp:coreProperties>"""
APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Template>Normal.dotm</Template>
<Application>Microsoft Office Word</Application><DocSecurity>0</DocSecurity><AppVersion>16.0000</AppVersion></Properties>"""
SECTION = (
    '<w:sectPr><w:footerReference w:type="default" r:id="rId5"/><w:type w:val="nextPage"/>'
    '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1871" w:right="1418" w:bottom="1134" w:left="1418" '
    'w:header="851" w:footer="567" w:gutter="0"/><w:pgNumType w:start="1"/><w:cols w:space="425"/>'
    '<w:docGrid w:type="lines" w:linePitch="320"/></w:sectPr>'
)


def _run(text: str, font: str = MINCHO, size: int = 21, bold: bool = False) -> str:
    props = f'<w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}"/>' + ("<w:b/>" if bold else "")
    props += f'<w:sz w:val="{size}"/>'
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(text: str, *, jc: str = "left", indent: int = 0, first: int = 0, hanging: int = 0, run: str = "",
          style: str = "", section: str = "") -> str:  # fmt: skip
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if indent or first or hanging:
        ppr += f'<w:ind w:left="{indent}"' + (f' w:firstLine="{first}"' if first else "")
        ppr += (f' w:hanging="{hanging}"' if hanging else "") + "/>"
    ppr += f'<w:jc w:val="{jc}"/>' + section
    return f"<w:p><w:pPr>{ppr}</w:pPr>{run or _run(text)}</w:p>"


def letter_xml(letter: LetterContent, last: bool) -> str:
    out = [_para(letter.address.postal_line)] + [_para(line) for line in letter.address.lines]
    out += [_para("", run=_run(letter.address.name_line, size=28)), _para(letter.date_line, jc="right")]
    out += [_para(line, jc="right") for line in letter.sender_lines]
    out.append(_para(letter.title, style="a3", run=_run(letter.title, GOTHIC, 28, bold=True)))
    in_particulars = False
    for block in letter.blocks:
        if isinstance(block, Heading):
            out.append(_para(block.text, style="1", run=_run(block.text, GOTHIC)))
        elif isinstance(block, Bullets):
            out += [_para(f"・{item}", indent=420, hanging=210) for item in block.items]
        elif isinstance(block, Para):
            in_particulars = in_particulars or block.text == "記"
            jc = {"body_right": "right", "body_center": "center"}.get(block.style, "left")
            first = 210 if jc == "left" and not in_particulars and not block.text.startswith("拝啓") else 0
            out.append(_para(block.text, jc=jc, indent=210 if block.style == "section" else 0, first=first))
    # The last paragraph of a letter carries its section properties (Word's mail-merge output).
    closing = "" if last else SECTION
    out.append(f"<w:p><w:pPr>{closing}</w:pPr></w:p>")
    return "".join(out)


def write_docx(path: Path, letters: list[LetterContent]) -> None:
    body = "".join(letter_xml(letter, n == len(letters) - 1) for n, letter in enumerate(letters))
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}">'
        f"<w:body>{body}{SECTION}</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as docx:
        for name, data in (
            ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("word/_rels/document.xml.rels", DOC_RELS),
            ("word/styles.xml", STYLES), ("word/settings.xml", SETTINGS), ("word/fontTable.xml", FONT_TABLE),
            ("word/theme/theme1.xml", THEME), ("word/footer1.xml", FOOTER), ("docProps/core.xml", CORE),
            ("docProps/app.xml", APP), ("word/document.xml", document),
        ):  # fmt: skip
            docx.writestr(name, data)
