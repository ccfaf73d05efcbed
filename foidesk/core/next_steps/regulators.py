"""The regulators and ombudsmen a requester may complain to, with where each fact comes from.

One table, so that a changed address is changed once; the same facts and their sources
are listed in docs/deadlines.md ("Regulators"). ``include`` items are what the law or the
regulator's own guidance says a complaint must contain.
"""

from __future__ import annotations

from foidesk.core.i18n import N_
from foidesk.core.next_steps.model import Regulator

_COPIES = N_("a copy of your request and of every reply, with the dates")

REGULATORS: dict[str, Regulator] = {
    r.id: r
    for r in (
        Regulator(
            id="ico",
            name="Information Commissioner's Office (ICO)",
            web="https://ico.org.uk/make-a-complaint/",
            form="https://ico.org.uk/make-a-complaint/official-information-concerns-report/",
            email=None,
            address="Information Commissioner's Office, Wycliffe House, Water Lane, "
            "Wilmslow, Cheshire SK9 5AF, United Kingdom",
            section="FOIA s.50; EIR reg 18",
            include=(
                _COPIES,
                N_("the internal review request and its outcome (the ICO expects a review first)"),
                N_("why you think the authority is wrong"),
            ),
            source="ico.org.uk, 'FOI and EIR complaints'; FOIA 2000 s.50",
        ),
        Regulator(
            id="sic",
            name="Scottish Information Commissioner",
            web="https://www.foi.scot/appeal",
            form="https://www.foi.scot/appeal",
            email="enquiries@foi.scot",
            address="Scottish Information Commissioner, Kinburn Castle, Doubledykes Road, "
            "St Andrews, Fife KY16 9DS, United Kingdom",
            section="FOISA s.47",
            include=(
                N_("your name and an address for correspondence"),
                N_("the request and the requirement for review"),
                N_("what you are dissatisfied with, and why"),
            ),
            source="FOISA 2002 s.47(2) (legislation.gov.uk); foi.scot, 'Appeal'",
        ),
        Regulator(
            id="im-ic",
            name="Isle of Man Information Commissioner",
            web="https://www.inforights.im/",
            form=None,
            email=None,
            address="Information Commissioner, PO Box 69, Douglas, Isle of Man IM99 1EQ",
            section="Freedom of Information Act 2015 (Isle of Man)",
            include=(_COPIES, N_("the internal review request and its outcome")),
            source="inforights.im, 'Ask for an internal review' and 'Complain'",
        ),
        Regulator(
            id="ie-oic",
            name="Office of the Information Commissioner (Ireland)",
            web="https://www.oic.ie/",
            form="https://www.oic.ie/applying-for-a-review/",
            email="info@oic.ie",
            address="Office of the Information Commissioner, 6 Earlsfort Terrace, "
            "Dublin 2, D02 W773, Ireland",
            section="FOI Act 2014 s.22",
            include=(
                _COPIES,
                N_("the internal review decision, or the date it was due"),
                N_(
                    "the review fee, where one applies (FOI Act 2014 s.27 and the fees regulations)"
                ),
            ),
            source="FOI Act 2014 s.22 (revisedacts.lawreform.ie); oic.ie, 'Applying for a review'",
        ),
        Regulator(
            id="nz-ombudsman",
            name="Office of the Ombudsman (New Zealand)",
            web="https://www.ombudsman.parliament.nz/",
            form="https://www.ombudsman.parliament.nz/get-help-public/make-complaint",
            email="info@ombudsman.parliament.nz",
            address="Office of the Ombudsman, PO Box 10152, Wellington 6143, New Zealand",
            section="OIA 1982 s.28; LGOIMA 1987 s.27",
            include=(_COPIES, N_("what you want the Ombudsman to investigate")),
            source="OIA 1982 s.28 (legislation.govt.nz); ombudsman.parliament.nz, "
            "'Make a complaint'",
        ),
        Regulator(
            id="oaic",
            name="Office of the Australian Information Commissioner (OAIC)",
            web="https://www.oaic.gov.au/freedom-of-information/reviews-and-complaints",
            form="https://www.oaic.gov.au/freedom-of-information/reviews-and-complaints",
            email="foidr@oaic.gov.au",
            address="OAIC, GPO Box 5288, Sydney NSW 2001, Australia",
            section="FOI Act 1982 s.54N, s.54S",
            include=(
                N_("a copy of the decision (or the date a decision was due)"),
                N_("an address in Australia for notices"),
                N_("why you disagree with the decision"),
            ),
            source="FOI Act 1982 ss.54N, 54S (legislation.gov.au); oaic.gov.au, "
            "'Information Commissioner review'",
        ),
        Regulator(
            id="nsw-ipc",
            name="Information and Privacy Commission NSW",
            web="https://www.ipc.nsw.gov.au/",
            form=None,
            email="ipcinfo@ipc.nsw.gov.au",
            address="Information and Privacy Commission NSW, GPO Box 7011, Sydney NSW 2001, "
            "Australia",
            section="GIPA Act 2009 s.89",
            include=(_COPIES, N_("the decision you want reviewed, and why")),
            source="GIPA Act 2009 ss.89-90 (AustLII); ipc.nsw.gov.au, 'Review of decisions'",
        ),
        Regulator(
            id="ca-oic",
            name="Office of the Information Commissioner of Canada",
            web="https://www.oic-ci.gc.ca/",
            form="https://www.oic-ci.gc.ca/en/submitting-complaint",
            email=None,
            address="Office of the Information Commissioner of Canada, 30 Victoria Street, "
            "Gatineau, Quebec K1A 1H3, Canada",
            section="Access to Information Act s.30, s.31",
            include=(_COPIES, N_("your complaint in writing, within 60 days of the refusal")),
            source="Access to Information Act ss.30-31 (laws-lois.justice.gc.ca)",
        ),
        Regulator(
            id="ca-opc",
            name="Office of the Privacy Commissioner of Canada",
            web="https://www.priv.gc.ca/",
            form="https://www.priv.gc.ca/en/report-a-concern/",
            email=None,
            address="Office of the Privacy Commissioner of Canada, 30 Victoria Street, "
            "Gatineau, Quebec K1A 1H3, Canada",
            section="Privacy Act s.29",
            include=(_COPIES, N_("your complaint in writing")),
            source="Privacy Act ss.29-30 (laws-lois.justice.gc.ca)",
        ),
        Regulator(
            id="bfdi",
            name="Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit (BfDI)",
            web="https://www.bfdi.bund.de/",
            form=None,
            email="poststelle@bfdi.bund.de",
            address="BfDI, Graurheindorfer Straße 153, 53117 Bonn, Deutschland",
            section="§12 IFG",
            include=(
                _COPIES,
                N_(
                    "what you think the authority did wrong (the BfDI mediates; it cannot order"
                    " disclosure)"
                ),
            ),
            source="§12 IFG (gesetze-im-internet.de); bfdi.bund.de, 'Informationsfreiheit'",
        ),
        Regulator(
            id="eu-ombudsman",
            name="European Ombudsman",
            web="https://www.ombudsman.europa.eu/",
            form="https://www.ombudsman.europa.eu/en/make-a-complaint",
            email=None,
            address="European Ombudsman, 1 avenue du Président Robert Schuman, CS 30403, "
            "67001 Strasbourg Cedex, France",
            section="Regulation 1049/2001 Art 8(1); Statute of the Ombudsman Art 2",
            include=(
                N_("who you are and which institution you complain about"),
                N_("the confirmatory application and the institution's answer (or its silence)"),
                N_("what you ask the Ombudsman to achieve"),
            ),
            source="Statute of the European Ombudsman art 2(2)-(4) (OJ L 253, 16.7.2021); "
            "ombudsman.europa.eu, 'Make a complaint'",
        ),
        Regulator(
            id="ogis",
            name="Office of Government Information Services (OGIS), National Archives",
            web="https://www.archives.gov/ogis",
            form="https://www.archives.gov/ogis/mediation-program/request-assistance",
            email="ogis@nara.gov",
            address="Office of Government Information Services, National Archives and Records "
            "Administration, 8601 Adelphi Road - OGIS, College Park, MD 20740-6001, USA",
            section="5 U.S.C. 552(h)(3)",
            include=(
                N_("the agency and your request's tracking number"),
                _COPIES,
                N_("what you want resolved (OGIS mediates; it does not decide appeals)"),
            ),
            source="5 U.S.C. 552(h) (uscode.house.gov); archives.gov/ogis, 'Request assistance'",
        ),
        Regulator(
            id="il-pac",
            name="Public Access Counselor, Office of the Illinois Attorney General",
            web="https://www.illinoisattorneygeneral.gov/",
            form=None,
            email=None,
            address="Public Access Counselor, Office of the Attorney General, 500 S. Second "
            "Street, Springfield, IL 62701, USA",
            section="5 ILCS 140/9.5(a)",
            include=(
                N_("a copy of the request and of the denial (or the date it was due)"),
                N_("a concise statement of the reasons you ask for review"),
            ),
            source="5 ILCS 140/9.5(a) (ilga.gov)",
        ),
    )
}
