"""Illustrative DOCX: numbered recommendations (List Number) and a table with a header row."""
import sys
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# Writes next to corpus/unseen/ (or into the folder given as the first argument):
#   python corpus/unseen/gen/make_ai_assurance_docx.py
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]

d = docx.Document()
d.core_properties.title = "Assuring AI in Public Bodies: A PSB Insight"
d.add_heading("Assuring AI in Public Bodies: A PSB Insight", 0)
d.add_paragraph("Published 3 February 2025 by the techUK Public Services Board (PSB). Written by James Whitfield, "
                "chair of the PSB AI Assurance Working Group.")
d.add_paragraph("Illustrative document: written for an evaluation exercise. The survey, its figures and the people "
                "named here are invented and do not describe any real organisation.")

d.add_heading("Where public bodies stand", 1)
d.add_paragraph("In October 2024 the PSB asked 126 public bodies how they find, test and monitor the artificial "
                "intelligence (AI) tools they use. The answers show fast adoption and thin assurance. Some 71% of "
                "the bodies were already using generative AI in at least one team, most often to draft letters "
                "and summarise case notes. Yet only 44% kept any inventory of the AI tools in use, and just 19% had "
                "carried out an algorithmic impact assessment on any tool before putting it live.")
d.add_paragraph("Transparency lags further behind. Only 11 of the 126 bodies had published a record under the "
                "Algorithmic Transparency Recording Standard (ATRS), although the standard has been mandatory for "
                "central government departments since 2024.")
d.add_paragraph("Assurance is also under-funded. The median body spent £42,000 a year on testing and monitoring "
                "its AI tools, less than a tenth of what it spent on the licences themselves.")

d.add_heading("Adoption and assurance by type of body", 1)
d.add_paragraph("Table 1 breaks the results down by type of body.")
rows = [
    ("Type of body", "Bodies surveyed", "Using AI in a live service", "Keep an AI inventory"),
    ("Central government departments", "18", "83%", "67%"),
    ("Arm's-length bodies", "41", "56%", "49%"),
    ("Local authorities", "52", "37%", "31%"),
    ("NHS trusts", "15", "60%", "40%"),
]
t = d.add_table(rows=len(rows), cols=4)
t.style = "Table Grid"
for i, r in enumerate(rows):
    for j, v in enumerate(r):
        cell = t.cell(i, j)
        cell.text = v
        if i == 0:
            for run in cell.paragraphs[0].runs:
                run.bold = True
# mark the first row as a repeating header row
trPr = t.rows[0]._tr.get_or_add_trPr()
h = OxmlElement("w:tblHeader")
h.set(qn("w:val"), "true")
trPr.append(h)

d.add_heading("What goes wrong without assurance", 1)
d.add_paragraph("Working group members described three recurring problems: models that drift after launch because "
                "nobody re-tests them, suppliers who will not share evaluation results, and staff who cannot tell "
                "when an AI summary has left something out. The Information Commissioner's Office (ICO) reminded us "
                "that a body remains the data controller however much of the processing a supplier does.")

d.add_heading("Recommendations", 1)
d.add_paragraph("The working group makes six recommendations.")
recs = [
    "Every public body should keep a register of the AI tools it uses and review it every six months.",
    "DSIT should publish a standard assurance checklist for buying AI systems by September 2025.",
    "The ICO and the Equality and Human Rights Commission should issue joint guidance on testing AI tools for bias.",
    "Contracts for AI systems should give the buying body the right to audit model performance at any time.",
    "Each body should appoint a named senior responsible owner for AI assurance.",
    "The Government Digital Service (GDS) should fund a shared red-teaming service for public sector AI, "
    "piloted with 10 bodies in 2025-26.",
]
for r in recs:
    d.add_paragraph(r, style="List Number")

d.add_heading("Next steps", 1)
d.add_paragraph("The working group will repeat the survey in October 2025 and report on progress against each "
                "recommendation.")
d.save(str(OUT / "insight-ai-assurance-public-bodies-2025.docx"))
