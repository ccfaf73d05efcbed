"""The regulators and ombudsmen a requester may complain to, with where each fact comes from.

One table, so that a changed address is changed once; the same facts and their sources
are listed in docs/deadlines.md ("Regulators"). ``include`` items are what the law or the
regulator's own guidance says a complaint must contain.
"""

from __future__ import annotations

from foidesk.core.i18n import N_
from foidesk.core.next_steps.model import Regulator

_COPIES = N_("a copy of your request and of every reply, with the dates")

#: id, name, web page, complaint form, email, postal address, the law's section, what a
#: complaint must include, and where these facts were checked.
_Row = tuple[str, str, str, str | None, str | None, str, str, tuple[str, ...], str]

_ROWS: tuple[_Row, ...] = (
    (
        "ico",
        "Information Commissioner's Office (ICO)",
        "https://ico.org.uk/make-a-complaint/",
        "https://ico.org.uk/make-a-complaint/official-information-concerns-report/",
        None,
        (
            "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, "
            "Cheshire SK9 5AF, United Kingdom"
        ),
        "FOIA s.50; EIR reg 18",
        (
            _COPIES,
            N_("the internal review request and its outcome (the ICO expects a review first)"),
            N_("why you think the authority is wrong"),
        ),
        "ico.org.uk, 'FOI and EIR complaints'; FOIA 2000 s.50",
    ),
    (
        "sic",
        "Scottish Information Commissioner",
        "https://www.foi.scot/appeal",
        "https://www.foi.scot/appeal",
        "enquiries@foi.scot",
        (
            "Scottish Information Commissioner, Kinburn Castle, Doubledykes Road, St "
            "Andrews, Fife KY16 9DS, United Kingdom"
        ),
        "FOISA s.47",
        (
            N_("your name and an address for correspondence"),
            N_("the request and the requirement for review"),
            N_("what you are dissatisfied with, and why"),
        ),
        "FOISA 2002 s.47(2) (legislation.gov.uk); foi.scot, 'Appeal'",
    ),
    (
        "im-ic",
        "Isle of Man Information Commissioner",
        "https://www.inforights.im/",
        None,
        None,
        "Information Commissioner, PO Box 69, Douglas, Isle of Man IM99 1EQ",
        "Freedom of Information Act 2015 (Isle of Man)",
        (_COPIES, N_("the internal review request and its outcome")),
        "inforights.im, 'Ask for an internal review' and 'Complain'",
    ),
    (
        "ie-oic",
        "Office of the Information Commissioner (Ireland)",
        "https://www.oic.ie/",
        "https://www.oic.ie/applying-for-a-review/",
        "info@oic.ie",
        (
            "Office of the Information Commissioner, 6 Earlsfort Terrace, Dublin 2, D02 "
            "W773, Ireland"
        ),
        "FOI Act 2014 s.22",
        (
            _COPIES,
            N_("the internal review decision, or the date it was due"),
            N_("the review fee, where one applies (FOI Act 2014 s.27 and the fees regulations)"),
        ),
        "FOI Act 2014 s.22 (revisedacts.lawreform.ie); oic.ie, 'Applying for a review'",
    ),
    (
        "nz-ombudsman",
        "Office of the Ombudsman (New Zealand)",
        "https://www.ombudsman.parliament.nz/",
        "https://www.ombudsman.parliament.nz/get-help-public/make-complaint",
        "info@ombudsman.parliament.nz",
        "Office of the Ombudsman, PO Box 10152, Wellington 6143, New Zealand",
        "OIA 1982 s.28; LGOIMA 1987 s.27",
        (_COPIES, N_("what you want the Ombudsman to investigate")),
        "OIA 1982 s.28 (legislation.govt.nz); ombudsman.parliament.nz, 'Make a complaint'",
    ),
    (
        "oaic",
        "Office of the Australian Information Commissioner (OAIC)",
        "https://www.oaic.gov.au/freedom-of-information/reviews-and-complaints",
        "https://www.oaic.gov.au/freedom-of-information/reviews-and-complaints",
        "foidr@oaic.gov.au",
        "OAIC, GPO Box 5288, Sydney NSW 2001, Australia",
        "FOI Act 1982 s.54N, s.54S",
        (
            N_("a copy of the decision (or the date a decision was due)"),
            N_("an address in Australia for notices"),
            N_("why you disagree with the decision"),
        ),
        (
            "FOI Act 1982 ss.54N, 54S (legislation.gov.au); oaic.gov.au, 'Information "
            "Commissioner review'"
        ),
    ),
    (
        "nsw-ipc",
        "Information and Privacy Commission NSW",
        "https://www.ipc.nsw.gov.au/",
        None,
        "ipcinfo@ipc.nsw.gov.au",
        "Information and Privacy Commission NSW, GPO Box 7011, Sydney NSW 2001, Australia",
        "GIPA Act 2009 s.89",
        (_COPIES, N_("the decision you want reviewed, and why")),
        "GIPA Act 2009 ss.89-90 (AustLII); ipc.nsw.gov.au, 'Review of decisions'",
    ),
    (
        "ca-oic",
        "Office of the Information Commissioner of Canada",
        "https://www.oic-ci.gc.ca/",
        "https://www.oic-ci.gc.ca/en/submitting-complaint",
        None,
        (
            "Office of the Information Commissioner of Canada, 30 Victoria Street, Gatineau, "
            "Quebec K1A 1H3, Canada"
        ),
        "Access to Information Act s.30, s.31",
        (_COPIES, N_("your complaint in writing, within 60 days of the refusal")),
        "Access to Information Act ss.30-31 (laws-lois.justice.gc.ca)",
    ),
    (
        "ca-opc",
        "Office of the Privacy Commissioner of Canada",
        "https://www.priv.gc.ca/",
        "https://www.priv.gc.ca/en/report-a-concern/",
        None,
        (
            "Office of the Privacy Commissioner of Canada, 30 Victoria Street, Gatineau, "
            "Quebec K1A 1H3, Canada"
        ),
        "Privacy Act s.29",
        (_COPIES, N_("your complaint in writing")),
        "Privacy Act ss.29-30 (laws-lois.justice.gc.ca)",
    ),
    (
        "bfdi",
        "Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit (BfDI)",
        "https://www.bfdi.bund.de/",
        None,
        "poststelle@bfdi.bund.de",
        "BfDI, Graurheindorfer Straße 153, 53117 Bonn, Deutschland",
        "§12 IFG",
        (
            _COPIES,
            N_(
                "what you think the authority did wrong (the BfDI mediates; it cannot order "
                "disclosure)"
            ),
        ),
        "§12 IFG (gesetze-im-internet.de); bfdi.bund.de, 'Informationsfreiheit'",
    ),
    (
        "eu-ombudsman",
        "European Ombudsman",
        "https://www.ombudsman.europa.eu/",
        "https://www.ombudsman.europa.eu/en/make-a-complaint",
        None,
        (
            "European Ombudsman, 1 avenue du Président Robert Schuman, CS 30403, 67001 "
            "Strasbourg Cedex, France"
        ),
        "Regulation 1049/2001 Art 8(1); Statute of the Ombudsman Art 2",
        (
            N_("who you are and which institution you complain about"),
            N_("the confirmatory application and the institution's answer (or its silence)"),
            N_("what you ask the Ombudsman to achieve"),
        ),
        (
            "Statute of the European Ombudsman art 2(2)-(4) (OJ L 253, 16.7.2021); "
            "ombudsman.europa.eu, 'Make a complaint'"
        ),
    ),
    (
        "ogis",
        "Office of Government Information Services (OGIS), National Archives",
        "https://www.archives.gov/ogis",
        "https://www.archives.gov/ogis/mediation-program/request-assistance",
        "ogis@nara.gov",
        (
            "Office of Government Information Services, National Archives and Records "
            "Administration, 8601 Adelphi Road - OGIS, College Park, MD 20740-6001, USA"
        ),
        "5 U.S.C. 552(h)(3)",
        (
            N_("the agency and your request's tracking number"),
            _COPIES,
            N_("what you want resolved (OGIS mediates; it does not decide appeals)"),
        ),
        "5 U.S.C. 552(h) (uscode.house.gov); archives.gov/ogis, 'Request assistance'",
    ),
    (
        "il-pac",
        "Public Access Counselor, Office of the Illinois Attorney General",
        "https://www.illinoisattorneygeneral.gov/",
        None,
        None,
        (
            "Public Access Counselor, Office of the Attorney General, 500 S. Second Street, "
            "Springfield, IL 62701, USA"
        ),
        "5 ILCS 140/9.5(a)",
        (
            N_("a copy of the request and of the denial (or the date it was due)"),
            N_("a concise statement of the reasons you ask for review"),
        ),
        "5 ILCS 140/9.5(a) (ilga.gov)",
    ),
)


def _regulator(row: _Row) -> Regulator:
    """One row of the table as a regulator."""
    id_, name, web, form, email, address, section, include, source = row
    return Regulator(
        id=id_, name=name, web=web, form=form, email=email, address=address,
        section=section, include=include, source=source,
    )  # fmt: skip


REGULATORS: dict[str, Regulator] = {row[0]: _regulator(row) for row in _ROWS}
