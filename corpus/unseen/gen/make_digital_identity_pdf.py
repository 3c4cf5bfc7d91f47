"""Illustrative 2-column, multi-page PDF with running header/footer and a full-width table (fpdf2)."""
import sys
from pathlib import Path

from fpdf import FPDF

# Writes next to corpus/unseen/ (or into the folder given as the first argument):
#   python corpus/unseen/gen/make_digital_identity_pdf.py
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]

HEADER = "techUK Public Services Board  |  Trusted Digital Identity Review 2024"
FOOTER = "Illustrative document written for an evaluation - not a techUK publication"


class PDF(FPDF):
    def header(self):
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, HEADER, align="L")
        self.ln(10)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, f"{FOOTER}  |  Page {self.page_no()}", align="C")


pdf = PDF(format="A4")
pdf.set_auto_page_break(True, margin=20)
pdf.set_title("Trusted Digital Identity for Public Services: PSB Review 2024")
pdf.add_page()
pdf.set_font("Helvetica", "B", 17)
pdf.multi_cell(0, 9, "Trusted Digital Identity for Public Services: PSB Review 2024")
pdf.ln(2)
pdf.set_font("Helvetica", "", 10)
pdf.multi_cell(0, 5, "Published 12 September 2024. This is an illustrative document written for an evaluation "
               "exercise: the review, its figures and the people named in it are invented.")
pdf.ln(4)


def columns(blocks):
    cols = pdf.text_columns(ncols=2, gutter=8, text_align="LEFT", line_height=1.25)
    with cols:
        for kind, text in blocks:
            if kind == "h":
                cols.write("\n")
                pdf.set_font("Helvetica", "B", 11.5)
                cols.write(text + "\n")
                pdf.set_font("Helvetica", "", 9.5)
            else:
                pdf.set_font("Helvetica", "", 9.5)
                cols.write(text + "\n")
            cols.ln()


columns([
    ("h", "1. Why identity matters"),
    ("p", "Almost every public service starts by asking who you are. Today each department checks "
          "identity in its own way, so a citizen who proves who they are to one body has to do it again "
          "for the next. The review was chaired by Dr Miriam Achebe, who leads the PSB's identity working "
          "group, and was carried out between 4 March and 26 April 2024."),
    ("p", "We interviewed identity and IT leads at 47 public bodies and commissioned an online panel "
          "survey of 2,318 adults in the UK. The panel was weighted by age, region and internet use."),
    ("h", "2. What citizens told us"),
    ("p", "A clear majority would accept a single government-backed digital identity: 57% of adults said "
          "they would use one to reach public services, while 23% said they would not and the rest were "
          "unsure. Willingness fell with age: among people aged 75 and over it dropped to 31%."),
    ("p", "The most common worry was misuse of personal data, named by 41% of the panel. Some 18% said "
          "they held no photo identity document at all, which rules out most app-based checks today."),
    ("h", "3. What public bodies told us"),
    ("p", "Fourteen of the 47 bodies still relied on paper forms and posted documents for at least one "
          "high-volume identity check. Only 9 had connected a service to the cross-government sign-in "
          "platform, and most of those had done so for a single service. Identity leads described "
          "duplicated contracts: between them the 47 bodies held 63 separate identity verification "
          "contracts with private suppliers."),
    ("p", "Cost is a strong argument for change. The average cost of one identity check was £3.40 when "
          "it was done online and £11.75 when it was done in person, before staff time for exceptions."),
    ("p", "The Office for Digital Identities and Attributes (OfDIA), within the Department for Science, "
          "Innovation and Technology (DSIT), runs the certification scheme for private identity providers "
          "under the UK digital identity and attributes trust framework. Identity leads welcomed the "
          "scheme but said that few of them knew which certified providers they could buy from."),
])

pdf.add_page()
pdf.set_font("Helvetica", "B", 10)
pdf.multi_cell(0, 6, "Table 1: Identity checks by channel, public bodies reviewed, 2024")
pdf.ln(1)
pdf.set_font("Helvetica", "", 9.5)
rows = [
    ("Channel", "Checks completed first time", "Average time to verify", "Share of all checks"),
    ("Online app with photo ID", "74%", "9 minutes", "46%"),
    ("In person at a Post Office", "91%", "22 minutes", "11%"),
    ("Telephone with knowledge questions", "62%", "31 minutes", "17%"),
    ("Paper form by post", "55%", "12 days", "26%"),
]
with pdf.table(col_widths=(60, 45, 40, 35), text_align=("LEFT", "CENTER", "CENTER", "CENTER")) as table:
    for r in rows:
        row = table.row()
        for c in r:
            row.cell(c)
pdf.ln(6)

columns([
    ("h", "4. Inclusion"),
    ("p", "A digital route must not become the only route. People without photo ID, without a smartphone "
          "or with a disability that makes app checks hard need a trusted alternative. The Post Office "
          "channel had the highest first-time success in Table 1, and we think it should be widened."),
    ("p", "Vouching, where a trusted professional such as a GP or social worker confirms a person's "
          "identity, was used by only 3 of the 47 bodies. It deserves a proper trial."),
    ("h", "5. Privacy and the regulator"),
    ("p", "The Information Commissioner's Office (ICO) told us that its main concern is over-collection: "
          "bodies asking for a full identity document when a single attribute, such as being over 18, "
          "would do. Data minimisation must be designed in from the start."),
    ("h", "6. Recommendations"),
    ("p", "1. DSIT should publish a cross-government digital identity roadmap by March 2025, naming which "
          "services will accept a single reusable identity and when."),
    ("p", "2. The ICO should publish guidance on data minimisation for identity attribute sharing within "
          "six months."),
    ("p", "3. HM Treasury should fund an in-person verification route in 1,100 Post Office branches for "
          "people who cannot complete an app-based check."),
    ("p", "4. Every department should name a senior identity owner accountable for retiring paper-based "
          "identity checks by 2027."),
    ("p", "5. OfDIA should run a vouching pilot with at least 5 public bodies during 2025."),
    ("h", "7. Next steps"),
    ("p", "The working group will publish a progress review in autumn 2025. Comments on this review can "
          "be sent to the PSB secretariat."),
])
pdf.output(str(OUT / "psb-digital-identity-review-2024.pdf"))
