"""Words the corpus is made of: FOI subjects, places, names, authorities, plain English.

Real FOI correspondence is repetitive boilerplate around a specific subject,
so the generator mixes fixed phrases (acknowledgements, exemptions) with
subject words, places and people drawn with a skewed (Zipf-like) frequency:
some terms occur in most documents, most in few — which is what makes
search timings realistic.
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


TOPICS: dict[str, tuple[str, ...]] = {
    "policing": (
        "body worn cameras",
        "stop and search",
        "custody deaths",
        "firearms licences",
        "facial recognition",
        "police vehicles",
        "officer misconduct",
        "taser use",
        "knife crime",
        "drone flights",
        "automatic number plate recognition",
        "overtime",
    ),
    "health": (
        "waiting lists",
        "agency nurses",
        "ambulance response times",
        "cancelled operations",
        "mental health beds",
        "hospital parking charges",
        "cyber attacks",
        "locum doctors",
        "maternity incidents",
        "prescription costs",
        "corridor care",
        "sepsis screening",
    ),
    "transport": (
        "potholes",
        "parking fines",
        "bus lanes",
        "speed cameras",
        "road resurfacing",
        "cycle lanes",
        "traffic wardens",
        "bridge inspections",
        "street lighting",
        "gritting",
        "low traffic neighbourhoods",
        "electric vehicle chargers",
    ),
    "housing": (
        "temporary accommodation",
        "damp and mould",
        "council housing repairs",
        "homelessness applications",
        "empty homes",
        "right to buy",
        "housing waiting list",
        "cladding remediation",
        "house in multiple occupation licences",
        "evictions",
    ),
    "education": (
        "school exclusions",
        "special educational needs",
        "home education",
        "school meals",
        "teacher vacancies",
        "academy conversions",
        "school transport",
        "reinforced autoclaved aerated concrete",
        "tribunal appeals",
        "attendance fines",
    ),
    "immigration": (
        "visa applications",
        "asylum accommodation",
        "detention centres",
        "removal flights",
        "small boat arrivals",
        "sponsor licences",
        "biometric residence permits",
        "hotel contracts",
        "age assessments",
        "appeal backlogs",
    ),
    "environment": (
        "air quality",
        "fly tipping",
        "sewage discharges",
        "tree felling",
        "recycling rates",
        "flood defences",
        "pesticide use",
        "noise complaints",
        "contaminated land",
        "planning enforcement",
    ),
    "spending": (
        "consultancy contracts",
        "credit card spending",
        "hospitality",
        "legal costs",
        "settlement agreements",
        "software licences",
        "office refurbishment",
        "first class travel",
        "agency staff",
        "redundancy payments",
        "grants to charities",
        "procurement waivers",
    ),
    "workforce": (
        "sickness absence",
        "staff numbers",
        "gender pay gap",
        "disciplinary cases",
        "whistleblowing reports",
        "non disclosure agreements",
        "senior salaries",
        "training budgets",
        "apprenticeships",
        "zero hours contracts",
    ),
    "technology": (
        "data breaches",
        "ransomware",
        "cloud hosting",
        "algorithmic decision making",
        "artificial intelligence pilots",
        "email retention",
        "legacy systems",
        "information security incidents",
        "website accessibility",
        "data sharing agreements",
    ),
}

MEASURES = (
    "the number of",
    "the total cost of",
    "the average time taken for",
    "a breakdown by month of",
    "copies of any policies on",
    "the annual budget for",
    "all correspondence about",
    "the number of complaints about",
    "the guidance staff follow on",
    "any reviews of",
    "the contracts held for",
    "minutes of meetings discussing",
    "the risk register entries for",
)

PLACES = _words("""
Aberdeen Bath Belfast Birmingham Blackpool Bolton Bournemouth Bradford Brighton Bristol
Cambridge Canterbury Cardiff Carlisle Chelmsford Chester Colchester Coventry Croydon Derby
Doncaster Dundee Durham Edinburgh Exeter Glasgow Gloucester Guildford Halifax Harrogate
Hereford Huddersfield Hull Inverness Ipswich Kendal Lancaster Leeds Leicester Lincoln Liverpool
Luton Maidstone Manchester Middlesbrough Milton Newcastle Newport Northampton Norwich Nottingham
Oldham Oxford Perth Peterborough Plymouth Portsmouth Preston Reading Rochdale Rotherham Salford
Salisbury Sheffield Shrewsbury Slough Southampton Stirling Stockport Stoke Sunderland Swansea
Swindon Taunton Telford Truro Wakefield Walsall Warrington Watford Wigan Winchester Wolverhampton
Worcester Wrexham York Galway Cork Limerick Waterford Auckland Wellington Christchurch Dunedin
Hamilton Sydney Melbourne Brisbane Adelaide Perth Hobart Darwin Toronto Ottawa Vancouver Calgary
Halifax Winnipeg Regina Boston Denver Austin Seattle Portland Phoenix Atlanta Chicago Detroit
""")

SURNAMES = _words("""
Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker
White Roberts Green Hall Wood Jackson Clarke Patel Khan Lewis James Phillips Mason Mitchell Rose
Davis Rodriguez Cox Alexander Garcia Campbell Martin Anderson Morgan Hughes Edwards Hill Moore
Clark Harrison Scott Young Morris Ward Turner Carter Phillips Kaur Singh Ahmed Begum Murphy
Kelly Byrne Walsh Ryan Doyle Nowak Kowalski Rossi Silva Santos Okafor Mensah Nguyen Chen Wang
Kim Murray Grant Fraser Reid Stewart Ross Paterson Duncan Hamilton Graham Kerr Sinclair Owen
""")

FORENAMES = _words("""
Sam Alex Jordan Priya Aisha Tom Emma Olivia Liam Noah Amelia Isla Ava Mia Jack Harry George
Oscar Leo Arthur Freya Lily Grace Sophie Ella Chloe Ruth Helen Mark Paul David Sarah Rachel
Nadia Omar Yusuf Fatima Zara Ben Daniel Joseph Hannah Laura Claire Fiona Gareth Rhys Sian Niamh
""")

DEPARTMENTS = (
    ("Home Office", "uk-foia"), ("Ministry of Defence", "uk-foia"),
    ("Department for Work and Pensions", "uk-foia"), ("Department for Education", "uk-foia"),
    ("Department of Health and Social Care", "uk-foia"), ("HM Treasury", "uk-foia"),
    ("Cabinet Office", "uk-foia"), ("Ministry of Justice", "uk-foia"),
    ("Department for Transport", "uk-foia"), ("Foreign, Commonwealth and Development Office",
                                              "uk-foia"),
    ("HM Revenue and Customs", "uk-foia"), ("Environment Agency", "uk-eir"),
    ("Department for Environment, Food and Rural Affairs", "uk-eir"),
    ("Transport for London", "uk-foia"), ("NHS England", "uk-foia"),
    ("Information Commissioner's Office", "uk-foia"), ("Scottish Government", "scot-foisa"),
    ("Police Scotland", "scot-foisa"), ("Scottish Environment Protection Agency", "scot-eir"),
    ("Department of Homeland Security", "us-foia"), ("Federal Bureau of Investigation", "us-foia"),
    ("Environmental Protection Agency", "us-foia"), ("Department of Defense", "us-foia"),
    ("Department of Health (Ireland)", "ie-foi"), ("Health Service Executive", "ie-foi"),
    ("Ministry of Health (New Zealand)", "nz-oia"), ("New Zealand Police", "nz-oia"),
    ("Department of Home Affairs", "au-foi"), ("Services Australia", "au-foi"),
    ("Immigration, Refugees and Citizenship Canada", "ca-ati"),
    ("Royal Canadian Mounted Police", "ca-ati"), ("Bundesministerium des Innern", "de-ifg"),
    ("European Commission", "eu-1049"), ("Frontex", "eu-1049"),
)  # fmt: skip

LOCAL_KINDS = (
    ("{place} City Council", "uk-foia"),
    ("{place} Borough Council", "uk-foia"),
    ("{place} County Council", "uk-foia"),
    ("{place} Police", "uk-foia"),
    ("{place} NHS Foundation Trust", "uk-foia"),
    ("University of {place}", "uk-foia"),
    ("{place} Fire and Rescue Service", "uk-foia"),
    ("{place} Council", "scot-foisa"),
)

EXEMPTIONS = (
    "section 12 (cost of compliance exceeds the appropriate limit)",
    "section 21 (information reasonably accessible by other means)",
    "section 22 (information intended for future publication)",
    "section 31 (law enforcement)", "section 35 (formulation of government policy)",
    "section 36 (prejudice to the effective conduct of public affairs)",
    "section 40(2) (personal information of third parties)",
    "section 41 (information provided in confidence)", "section 43 (commercial interests)",
    "regulation 12(4)(b) (manifestly unreasonable)", "regulation 13 (personal data)",
)  # fmt: skip

COMMON = _words("""
the of and to a in is that for it as was with be by on not he this are or his from at which
but have an they you were her she there been one all we their has would when if so no will
more about can said them some could into than other time only these may then do first any
like now my such make over our even most after also made many did before must through years
where much your way well down should because each just those how too little good very still
own see work long get here between both life being under never day same another know while
last might great old year off come since against go came right used take three states himself
few house use during without again place around however home small found thought went say
part once general high upon school every point hand public information request records data
report reports reporting period figures total number numbers cost costs budget budgets service
services council department office authority authorities team staff officer officers member
members policy policies guidance procedure procedures review reviews decision decisions case
cases complaint complaints response responses letter letters email emails attached attachment
copy copies document documents spreadsheet table tables annex appendix summary detail details
financial year quarter month months week weeks date dates include including included provide
provided provision held hold holding search searched searches located location relevant
relating relation regarding respect regard concerns concern matter matters question questions
answer answers explain explained confirm confirmed confirmation clarify clarification apologise
delay delayed deadline extension extended consider considered consideration public interest
test balance favour disclosure disclose disclosed withheld withhold exempt exemption exemptions
apply applied applies engaged engage section sections act regulations regulation statutory
duty duties comply compliance appropriate limit hours estimate estimated locate retrieve
extract extracted system systems database databases manual manually paper electronic format
formats published publish publication website online link available accessible reasonably
""")
