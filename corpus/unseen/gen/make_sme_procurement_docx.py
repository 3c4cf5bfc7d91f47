"""Generate the illustrative DOCX: numbered recommendations with owners, and tables."""
import sys
from pathlib import Path

from docx import Document

# Writes next to corpus/unseen/ (or into the folder given as the first argument):
#   python corpus/unseen/gen/make_sme_procurement_docx.py
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]

d = Document()
d.core_properties.title = "Opening Up Public Procurement to SMEs"
d.add_heading("Opening Up Public Procurement to SMEs", 0)
d.add_paragraph("A PSB Insight from techUK's Public Services Board, published 12 February 2024.")
d.add_paragraph("Illustrative document written for an evaluation exercise. It is not a real techUK "
                "publication; the figures, owners and timescales are invented for illustration.")

d.add_heading("1. Why this matters", 1)
d.add_paragraph(
    "Small and medium-sized enterprises (SMEs) bring specialist skills and competitive prices to public "
    "technology projects, yet many still find government contracts hard to win. In the 2023-24 financial "
    "year, SMEs received 27% of central government direct spend on technology, short of the 33% ambition "
    "the government had set itself.")
d.add_paragraph(
    "To understand why, the PSB held workshops with 86 SME suppliers in October and November 2023. "
    "Three messages came through most strongly:")
for item in [
    "Opportunities appear too late for a small firm to form a consortium or hire staff in time.",
    "Bid documents are long and repetitive, so a single tender can tie up a small team for weeks.",
    "Payment from prime contractors to their subcontractors is often slow, which strains cash flow.",
]:
    d.add_paragraph(item, style="List Number")

d.add_heading("2. SME share of spend by department", 1)
d.add_paragraph("Table 2 compares the SME share of each department's direct technology spend over two years.")
rows = [
    ("Department", "SME share 2022-23", "SME share 2023-24"),
    ("Ministry of Justice", "19%", "23%"),
    ("Department for Education", "31%", "34%"),
    ("Home Office", "22%", "21%"),
    ("HM Revenue and Customs", "17%", "25%"),
]
t = d.add_table(rows=len(rows), cols=3)
t.style = "Table Grid"
for i, r in enumerate(rows):
    for j, c in enumerate(r):
        t.cell(i, j).text = c
d.add_paragraph("Table 2: SME share of direct technology spend by department (illustrative).")
d.add_paragraph("The Home Office was the only department in the table whose SME share fell between the two years.")

d.add_heading("3. Recommendations", 1)
recs = [
    ("Publish a forward pipeline",
     "Publish a rolling 12-month pipeline of every planned technology tender worth more than £2 million.",
     "Cabinet Office", "By December 2024"),
    ("Shorter bids",
     "Cap the length of bid-stage responses for contracts under £5 million at 20 pages.",
     "Crown Commercial Service", "Within 6 months"),
    ("Prompt payment down the chain",
     "Require prime contractors to pay SME subcontractors within 30 days and report on it quarterly.",
     "Government Commercial Function", "From April 2025"),
    ("Agile buying skills",
     "Train 1,500 commercial staff in buying technology in agile, outcome-based ways by 2026.",
     "Government Commercial College", "By 2026"),
    ("One supplier registration",
     "Create a single supplier registration so that firms enter their details once for every department.",
     "Cabinet Office", "By March 2025"),
]
for n, (title, text, owner, when) in enumerate(recs, 1):
    d.add_heading(f"Recommendation {n}: {title}", 2)
    d.add_paragraph(text)
    d.add_paragraph(f"Owner: {owner}")
    d.add_paragraph(f"Timescale: {when}")

d.add_heading("4. Summary of recommendations", 1)
t = d.add_table(rows=len(recs) + 1, cols=3)
t.style = "Table Grid"
for j, c in enumerate(("Recommendation", "Owner", "Timescale")):
    t.cell(0, j).text = c
for i, (title, _text, owner, when) in enumerate(recs, 1):
    t.cell(i, 0).text = f"{i}. {title}"
    t.cell(i, 1).text = owner
    t.cell(i, 2).text = when
d.save(str(OUT / "insight-sme-procurement-2024.docx"))
