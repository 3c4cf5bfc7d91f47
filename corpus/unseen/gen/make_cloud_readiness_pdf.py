"""Generate the illustrative PDF: running header/footer on each page and a table."""
import sys
from pathlib import Path

from fpdf import FPDF

# Writes next to corpus/unseen/ (or into the folder given as the first argument):
#   python corpus/unseen/gen/make_cloud_readiness_pdf.py
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]

HEADER = "techUK Public Services Board | Cloud Readiness Review 2022"
FOOTER = "Illustrative sample - not a real techUK publication"


class PDF(FPDF):
    def header(self):
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, HEADER, align="L")
        self.ln(10)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, f"{FOOTER} | Page {self.page_no()}", align="C")


def h(pdf, text):
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 7, text)
    pdf.ln(2)


def p(pdf, text):
    pdf.set_font("Helvetica", "", 10.5)
    pdf.multi_cell(0, 5.5, text)
    pdf.ln(3)


pdf = PDF(format="A4")
pdf.set_auto_page_break(True, margin=20)
pdf.set_title("Moving Councils to the Cloud: PSB Cloud Readiness Review 2022")
pdf.add_page()
pdf.set_font("Helvetica", "B", 17)
pdf.multi_cell(0, 9, "Moving Councils to the Cloud: PSB Cloud Readiness Review 2022")
pdf.ln(2)
p(pdf, "Published 7 November 2022 by techUK's Public Services Board (PSB). This is an illustrative "
       "document written for an evaluation exercise; the review, its figures and the people named in it are invented.")

h(pdf, "1. Summary")
p(pdf, "The PSB looked at how far English local authorities have gone in moving their systems off "
       "servers they own and onto public cloud platforms. Between 9 May and 29 July 2022 we reviewed "
       "the hosting arrangements of 214 local authorities, drawing on questionnaires completed by their "
       "heads of IT and on follow-up interviews with 41 of them.")
p(pdf, "The picture is uneven. Across the whole group, 38% of councils had moved more than half of "
       "their workloads to public cloud, while 59% still owned and ran at least one data centre of their own. "
       "Asked to name the single largest obstacle to going further, 61% of heads of IT pointed to a "
       "shortage of staff with cloud skills.")
p(pdf, "Money is the second theme. Councils that had moved most of their workloads reported that "
       "running costs fell in the first year for only about a third of them (34%), usually because old "
       "and new systems had to run side by side for longer than planned.")

h(pdf, "2. Adoption by type of council")
p(pdf, "Adoption differs sharply by the kind of authority. Table 1 sets out, for each type of council, "
       "how many were reviewed, the share that had moved a majority of workloads to public cloud, and "
       "the share that still owned a data centre.")
pdf.set_font("Helvetica", "B", 10)
pdf.multi_cell(0, 6, "Table 1: Cloud adoption by type of council, 2022")
pdf.ln(1)
pdf.set_font("Helvetica", "", 10)
rows = [
    ("Council type", "Councils reviewed", "Majority of workloads in cloud", "Still own a data centre"),
    ("County councils", "24", "46%", "58%"),
    ("District councils", "98", "29%", "71%"),
    ("Unitary authorities", "54", "44%", "50%"),
    ("Metropolitan boroughs", "38", "41%", "47%"),
]
with pdf.table(col_widths=(50, 35, 55, 45), text_align=("LEFT", "CENTER", "CENTER", "CENTER")) as table:
    for r in rows:
        row = table.row()
        for c in r:
            row.cell(c)
pdf.ln(4)
p(pdf, "District councils, which tend to have the smallest IT teams, were the least likely to have made "
       "the move. County councils were the most advanced, helped in several cases by shared hosting "
       "arrangements with neighbouring authorities.")

pdf.add_page()
h(pdf, "3. What holds councils back")
p(pdf, "Interviews pointed to four recurring barriers to migration:")
for i, item in enumerate([
    "A shortage of cloud engineering skills, made worse by competition for the same people from the private sector.",
    "Long contracts with incumbent hosting suppliers that make an early exit expensive.",
    "Uncertainty about data residency rules for personal data held on behalf of residents.",
    "Unbudgeted costs of running old and new systems in parallel during the transition.",
], 1):
    p(pdf, f"{i}. {item}")
p(pdf, "Smaller councils told us that these barriers compound one another: without in-house skills they "
       "find it hard to challenge a supplier's exit charges, and without a clear exit plan they cannot "
       "forecast the cost of running two estates at once.")

h(pdf, "4. The Local Digital Cloud Pathfinder")
p(pdf, "The Local Digital Cloud Pathfinder is a programme in which 17 pilot councils share cloud "
       "engineers, templates and contract terms. It is led by Rachel Okafor, the programme's director, "
       "and is due to publish its first lessons-learned report in spring 2023. Early pilots found that "
       "pooling a small team of engineers across four or five councils cut migration time by roughly a quarter.")

pdf.add_page()
h(pdf, "5. Recommendations")
h(pdf, "Recommendation 1: A shared cloud exit plan template")
p(pdf, "The Local Government Association should publish a shared cloud exit plan template, so that "
       "every council can plan how it would leave a hosting contract, by March 2023.")
h(pdf, "Recommendation 2: Funding for pooled engineering teams")
p(pdf, "The Department for Levelling Up, Housing and Communities should set aside \u00a34.5 million from the Local Digital Fund to pay for pooled cloud engineering teams that "
       "serve groups of district councils.")
h(pdf, "Recommendation 3: Consumption-based pricing")
p(pdf, "The Crown Commercial Service should add a consumption-based pricing lot to G-Cloud 14, so that "
       "councils pay for the capacity they use rather than for fixed reservations.")
h(pdf, "6. About this review")
p(pdf, "The review was carried out by the PSB's Local Public Services working group. Figures are "
       "unweighted and rounded to the nearest whole number.")
pdf.output(str(OUT / "psb-cloud-readiness-review-2022.pdf"))
