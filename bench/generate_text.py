"""Dutch content for the synthetic call: organisations, people and proposal texts.

Everything here is pure: a `random.Random` goes in, plain frozen dataclasses come out, so the
expensive rendering (bench/generate_docs.py) can run in worker processes and stay byte-identical
for the same seed.

The phrase bank keeps the *ground truth* clean: a service type, challenge, persona or municipality
only appears in an "essential" sentence that the generator records in `Proposal.truth`. Filler
sentences (used to reach a realistic length) avoid the sector keywords on purpose, so a pipeline
that finds a service type in filler text is wrong, not the generator. Negated offers ("wij bieden
zelf geen verslavingszorg") and regional context ("in onze regio is er veel generatiearmoede") are
written on purpose and recorded separately, because the pipeline must not count them as offers.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# IDs match shared/reference/haspengouw-call.yaml and config/call.yaml (a test checks that).
MUNICIPALITIES: dict[str, str] = {
    "sint-truiden": "Sint-Truiden",
    "gingelom": "Gingelom",
    "heers": "Heers",
    "nieuwerkerken": "Nieuwerkerken",
    "alken": "Alken",
    "wellen": "Wellen",
}

# Real deelgemeenten (sub-municipalities): proposals often name only these, and the pipeline has to
# map them back to the municipality.
DEELGEMEENTEN: dict[str, tuple[str, ...]] = {
    "sint-truiden": (
        "Aalst", "Brustem", "Duras", "Engelmanshoven", "Gelinden", "Gorsem", "Groot-Gelmen", "Halmaal",
        "Kerkom-bij-Sint-Truiden", "Melveren", "Ordingen", "Runkelen", "Velm", "Wilderen", "Zepperen",
    ),
    "gingelom": (
        "Boekhout", "Borlo", "Buvingen", "Jeuk", "Kortijs", "Montenaken", "Niel-bij-Sint-Truiden", "Muizen",
        "Vorsen", "Goyer",
    ),
    "heers": (
        "Batsheers", "Gutschoven", "Heks", "Horpmaal", "Klein-Gelmen", "Mechelen-Bovelingen", "Mettekoven",
        "Opheers", "Rukkelingen-Loon", "Vechmaal", "Veulen",
    ),
    "nieuwerkerken": ("Binderveld", "Kozen", "Wijer"),
    "alken": ("Terlogt",),
    "wellen": ("Berlingen", "Herten", "Ulbeek"),
}

# Towns outside the call's area: mentioned as context (head office, earlier projects), never as
# the project's own area.
OUTSIDE_TOWNS = ("Hasselt", "Tongeren", "Borgloon", "Landen", "Diest", "Genk", "Herk-de-Stad", "Zoutleeuw")

SERVICE_TYPES = (
    "trajectbegeleiding", "huisvesting", "kinderopvang", "verslaving", "generatiearmoede", "mentale-beperking",
    "vrouwen-migratieachtergrond", "netwerk", "psychische-hulp", "administratie-financien", "nederlandse-taal",
    "digitale-vaardigheden",
)
CHALLENGE_PERSONAS: dict[str, tuple[str, ...]] = {
    "uitdaging-1": ("Marlies", "Nora"),
    "uitdaging-2": ("Marcel", "Roy", "John"),
    "uitdaging-3": ("Chadia",),
}
SECTIONS = ("organisatie", "doelgroep", "aanpak", "werkingsgebied", "samenwerking", "planning", "begroting")
EXCLUSIONS = ("hooggeschoolde-nieuwkomers", "enkel-praktische-drempels")

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december",
)

# --- people and organisations ------------------------------------------------------------------

FIRST_NAMES = (
    "An", "Annelies", "Bart", "Bram", "Els", "Eva", "Femke", "Griet", "Hilde", "Inge", "Jan", "Joke", "Jolien",
    "Karen", "Katrien", "Koen", "Lien", "Liesbeth", "Lotte", "Marleen", "Nathalie", "Nele", "Peter", "Pieter",
    "Ruben", "Sara", "Sofie", "Steven", "Tom", "Veerle", "Wouter", "Yasmina", "Mohamed", "Fatima", "Ayşe",
    "Hélène", "Zoë", "Noor", "Ines", "Jens", "Maarten", "Dirk", "Luc", "Rita", "Mieke", "Kristel", "Stijn",
    "Gert", "Kevin", "Hanne", "Leen", "Chloë", "Anaïs", "Joëlle", "Raphaël", "Gaëlle", "Emre", "Karim",
    "Saskia", "Tine", "Wendy", "Elke", "Geert", "Johan", "Linda", "Patrick", "Ilse", "Kaat", "Lore", "Senne",
)
LAST_NAMES = (
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "Vandebroek",
    "Vanhees", "Jorissen", "Thijs", "Vaes", "Moors", "Driesen", "Lambrechts", "Reynders", "Gielen", "Bollen",
    "Vanoppen", "Jans", "Smets", "Kenis", "Dirkx", "Schepers", "Stevens", "Vanweddingen", "Cleeren", "Nijs",
    "Hendrickx", "Pauwels", "Bijnens", "Vanderhoven", "Broux", "Daniëls", "El Amrani", "Yilmaz", "Özdemir",
    "Kaya", "Bouzid", "Vrancken", "Ceyssens", "Schroyen", "Nelissen", "Coenen", "Vanhamel", "Colson", "Gijsen",
    "Vandormael", "Lenaerts", "Boonen", "Swennen", "Beckers", "Ramaekers", "Dewael", "Vanstreels", "Pirotte",
)
FREEMAIL = ("gmail.com", "telenet.be", "hotmail.com", "skynet.be", "outlook.be")

ORG_KINDS = ("vzw", "ocmw", "caw", "social-enterprise", "citizens")

VZW_CORES = (
    "De Brug", "Het Anker", "De Sleutel", "Het Kompas", "De Boomgaard", "'t Stekske", "De Schakel", "Het Open Huis",
    "De Horizon", "Bloesem", "De Perelaar", "De Appelaar", "De Vlinder", "De Oever", "De Kiem", "Het Veer",
    "De Overkant", "De Lindeboom", "Het Klaverblad", "De Wegwijzer", "Den Hoek", "De Stapsteen", "Het Netwerk",
    "De Vonk", "Zonneweide", "De Steiger", "Het Kruispunt", "De Fruitstreek", "Ankerpunt", "De Duizendpoot",
)
VZW_PATTERNS = (
    "vzw {core}", "{core} vzw", "Welzijnsschakel {place}", "Buurtwerk {place}", "Ontmoetingshuis {core}",
    "vzw Thuis in {place}", "vzw Samen {place}", "Armoedeproject {core} vzw", "Vrijwilligerswerking {core}",
    "vzw Opvang {core}", "Wijkwerking {place} vzw",
)
SOCIAL_ENTERPRISE_PATTERNS = (
    "Maatwerkbedrijf {core}", "Coöperatie {core} cv", "Sociale kruidenier {place}", "Café De Kring {place}",
    "Buurtrestaurant {core}", "Fietsatelier {place}", "Groenploeg {core}", "Wasserette {core} cv",
    "Restobar {core}", "Fruitpluk-coöperatie {place}", "Kringloopwinkel {core}", "Atelier {core}",
)
CITIZENS_PATTERNS = (
    "Burgerinitiatief {core}", "Buurtcomité {place}", "Repair Café {place}", "Taalcafé {place}",
    "Moedergroep {place}", "Samen Sterk {place}", "Feitelijke vereniging {core}", "Vriendenkring {core}",
    "Buurtnetwerk {place}",
)
SE_CORES = (
    "Bloesem", "De Kring", "Perelaar", "Hoogstam", "Het Werkhuis", "De Ploeg", "Zoë", "De Stek", "Appel & Peer",
    "Haspengouws Goud", "De Kersentuin", "Fruithof", "De Groene Vinger", "Ateljee", "Gaëlle",
)

ROLES = {
    "vzw": ("coördinator", "directeur", "stafmedewerker", "teamverantwoordelijke", "projectmedewerker"),
    "ocmw": ("diensthoofd sociale dienst", "algemeen directeur", "maatschappelijk werker", "beleidsmedewerker welzijn"),
    "caw": ("regioverantwoordelijke", "teamcoach", "maatschappelijk werker", "stafmedewerker"),
    "social-enterprise": ("zaakvoerder", "coördinator", "jobcoach", "directeur"),
    "citizens": ("voorzitter", "secretaris", "vrijwilliger", "trekker"),
}

KIND_DESCRIPTIONS = {
    "vzw": (
        "een vzw die al meer dan {age} jaar actief is in het welzijnswerk",
        "een kleine vzw met een sterke verankering in de buurt",
        "een vzw die mensen in een kwetsbare situatie ondersteunt",
    ),
    "ocmw": (
        "het OCMW en sociaal huis van het lokaal bestuur",
        "de sociale dienst van het lokaal bestuur",
    ),
    "caw": (
        "het Centrum Algemeen Welzijnswerk in de regio",
        "een erkend centrum algemeen welzijnswerk (CAW)",
    ),
    "social-enterprise": (
        "een sociale onderneming die werkervaring biedt aan mensen met een afstand tot de arbeidsmarkt",
        "een maatwerkbedrijf met een sterke band met de lokale economie",
        "een coöperatie die sociale tewerkstelling combineert met een lokale winkelwerking",
    ),
    "citizens": (
        "een burgerinitiatief van buurtbewoners en vrijwilligers",
        "een feitelijke vereniging die ontstaan is uit een groep bezorgde buurtbewoners",
    ),
}

STREETS = (
    "Stationsstraat", "Kerkstraat", "Tiensesteenweg", "Luikerstraat", "Naamsesteenweg", "Diestersteenweg",
    "Schepen Dejonghstraat", "Grote Markt", "Kapelstraat", "Dorpsstraat", "Molenstraat", "Kasteelstraat",
    "Stapelstraat", "Hasseltsesteenweg", "Speelhoflaan", "Tongersesteenweg", "Bogaardstraat", "Plankstraat",
)
STAFF = {"vzw": (1, 25), "ocmw": (12, 90), "caw": (40, 220), "social-enterprise": (4, 60), "citizens": (0, 1)}
POSTCODES = {
    "sint-truiden": "3800", "gingelom": "3890", "heers": "3870", "nieuwerkerken": "3850", "alken": "3570",
    "wellen": "3830",
}


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    email: str
    role: str
    phone: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Organisation:
    name: str
    kind: str                 # one of ORG_KINDS
    domain: str | None        # the organisation's own web/mail domain; None for freemail-only groups
    municipality: str         # id of the municipality of its address (context, not the project area)
    place: str                # place name of its address (a deelgemeente or the municipality)
    street: str
    enterprise_number: str
    founded: int
    staff: int
    volunteers: int
    contact: Person
    colleague: Person         # forwards mails, sends a corrected version, or has an out-of-office
    mail_server: str          # host name of the sender's outgoing mail server (for Received:)
    client: str               # mail client style: outlook | thunderbird | gmail | apple | webmail

    @property
    def short(self) -> str:
        """How the organisation calls itself in running text ("vzw De Brug" -> "De Brug")."""
        return re.sub(r"^(vzw|VZW) | vzw$| cv$", "", self.name)


def ascii_slug(text: str, sep: str = "") -> str:
    """Lower-case ASCII slug for domains and mail local parts ("Café De Kring" -> "cafedekring")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", sep, plain).strip(sep)


def phone(rng: random.Random, mobile: bool | None = None) -> str:
    if mobile is None:
        mobile = rng.random() < 0.5
    if mobile:
        prefix = rng.choice(("0470", "0472", "0475", "0477", "0478", "0486", "0493", "0495", "0498"))
        digits = [rng.randrange(10) for _ in range(6)]
        style = rng.randrange(3)
        if style == 0:
            return f"{prefix} {digits[0]}{digits[1]} {digits[2]}{digits[3]} {digits[4]}{digits[5]}"
        if style == 1:
            return f"{prefix}/{digits[0]}{digits[1]}.{digits[2]}{digits[3]}.{digits[4]}{digits[5]}"
        return f"+32 {prefix[1:]} {digits[0]}{digits[1]} {digits[2]}{digits[3]} {digits[4]}{digits[5]}"
    digits = [rng.randrange(10) for _ in range(6)]
    return f"011 {digits[0]}{digits[1]} {digits[2]}{digits[3]} {digits[4]}{digits[5]}"


def make_person(rng: random.Random, kind: str, domain: str | None, freemail: bool) -> Person:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    if freemail or domain is None:
        style = rng.randrange(3)
        local = {
            0: f"{ascii_slug(first)}.{ascii_slug(last)}",
            1: f"{ascii_slug(first)}{ascii_slug(last)}{rng.randrange(60, 99)}",
            2: f"{ascii_slug(first)[0]}{ascii_slug(last)}",
        }[style]
        email = f"{local}@{rng.choice(FREEMAIL)}"
    else:
        style = rng.randrange(4)
        local = {
            0: f"{ascii_slug(first)}.{ascii_slug(last)}",
            1: f"{ascii_slug(first)}",
            2: f"{ascii_slug(first)[0]}.{ascii_slug(last)}",
            3: f"{ascii_slug(first)}.{ascii_slug(last)}",
        }[style]
        email = f"{local}@{domain}"
    return Person(first, last, email, rng.choice(ROLES[kind]), phone(rng))


class OrganisationFactory:
    """Makes unique, plausible Haspengouw organisations; names never repeat within one call."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self.caw_used = False

    def _place(self, municipality: str) -> str:
        options = (MUNICIPALITIES[municipality],) * 2 + DEELGEMEENTEN[municipality]
        return self.rng.choice(options)

    def make(self) -> Organisation:
        rng = self.rng
        for _ in range(200):
            kind = rng.choices(ORG_KINDS, weights=(50, 10, 3, 25, 12))[0]
            municipality = rng.choices(tuple(MUNICIPALITIES), weights=(40, 12, 12, 10, 13, 13))[0]
            place = self._place(municipality)
            if kind == "ocmw":
                name = rng.choice(("OCMW {m}", "Sociaal Huis {m}", "Welzijnshuis {m}", "Lokaal bestuur {m} – Sociaal Huis"))
                name = name.format(m=MUNICIPALITIES[municipality])
                place = MUNICIPALITIES[municipality]
            elif kind == "caw":
                if self.caw_used:
                    continue
                self.caw_used = True
                name = "CAW Limburg – regio Sint-Truiden"
                municipality, place = "sint-truiden", "Sint-Truiden"
            elif kind == "vzw":
                name = rng.choice(VZW_PATTERNS).format(core=rng.choice(VZW_CORES), place=place)
            elif kind == "social-enterprise":
                name = rng.choice(SOCIAL_ENTERPRISE_PATTERNS).format(core=rng.choice(SE_CORES), place=place)
            else:
                name = rng.choice(CITIZENS_PATTERNS).format(core=rng.choice(VZW_CORES + SE_CORES), place=place)
            if name in self.used:
                continue
            self.used.add(name)
            return self._finish(name, kind, municipality, place)
        # A very large call exhausts the natural names: number them like real umbrella groups do.
        name = f"vzw Buurtwerking {len(self.used) + 1} {self._place('sint-truiden')}"
        self.used.add(name)
        return self._finish(name, "vzw", "sint-truiden", "Sint-Truiden")

    def _finish(self, name: str, kind: str, municipality: str, place: str) -> Organisation:
        rng = self.rng
        freemail_only = kind == "citizens" or (kind == "vzw" and rng.random() < 0.06)
        if kind == "ocmw":
            domain = rng.choice(("sociaalhuis-{s}.be", "ocmw{s}.be", "welzijn-{s}.be")).format(
                s=ascii_slug(MUNICIPALITIES[municipality], "-"))
        elif kind == "caw":
            domain = "cawlimburg.be"
        elif freemail_only:
            domain = None
        else:
            slug = ascii_slug(name)
            domain = rng.choice((f"{slug}.be", f"{ascii_slug(name, '-')}.be", f"{slug}.org"))
        contact = make_person(rng, kind, domain, freemail_only)
        colleague = make_person(rng, kind, domain, freemail_only)
        if domain is None:
            provider = contact.email.split("@", 1)[1]
            server = {"gmail.com": "mail-wr1-f{n}.google.com", "hotmail.com": "EUR05-AM6-obe.outbound.protection.outlook.com",
                      "outlook.be": "EUR05-DB8-obe.outbound.protection.outlook.com"}.get(provider, "smtp.{p}")
            mail_server = server.format(n=rng.randrange(41, 70), p=provider)
            client = "gmail" if provider == "gmail.com" else rng.choice(("webmail", "apple", "outlook"))
        else:
            mail_server = rng.choice((f"mail.{domain}", f"smtp.{domain}", f"mx1.{domain}"))
            client = rng.choices(("outlook", "thunderbird", "apple", "webmail"), weights=(65, 12, 10, 13))[0]
        return Organisation(
            name=name, kind=kind, domain=domain, municipality=municipality, place=place,
            street=f"{rng.choice(STREETS)} {rng.randrange(1, 180)}",
            enterprise_number=f"0{rng.randrange(400, 899)}.{rng.randrange(100, 999)}.{rng.randrange(100, 999)}",
            founded=rng.randrange(1975, 2021), staff=rng.randrange(*STAFF[kind]) if kind != "citizens" else 0,
            volunteers=rng.randrange(0, 80), contact=contact, colleague=colleague,
            mail_server=mail_server, client=client,
        )


# --- proposal phrase bank ----------------------------------------------------------------------

HEADINGS: dict[str, tuple[str, ...]] = {
    "organisatie": ("Voorstelling van de organisatie", "Over onze organisatie", "Aanvragende organisatie",
                    "Wie zijn wij?", "Identificatie van de aanvrager", "Organisatie en contactpersoon"),
    "doelgroep": ("Doelgroep", "Doelgroep en persona's", "Voor wie?", "Beoogde deelnemers", "Doelpubliek"),
    "aanpak": ("Aanpak", "Methodiek en aanpak", "Ons aanbod", "Aangeboden dienstverlening", "Werking en methodiek",
               "Projectbeschrijving"),
    "werkingsgebied": ("Werkingsgebied", "Regio", "Waar werken we?", "Geografische afbakening", "Lokale verankering"),
    "samenwerking": ("Samenwerking en partners", "Partnerschap", "Netwerk en samenwerkingsverbanden",
                     "Met wie werken we samen?"),
    "planning": ("Planning", "Timing", "Tijdspad", "Fasering en planning", "Actieplan en timing"),
    "begroting": ("Begroting", "Budget", "Financieel plan", "Kostenraming", "Gevraagde middelen"),
}
EXTRA_SECTIONS: dict[str, tuple[str, ...]] = {
    "inleiding": ("Inleiding", "Aanleiding", "Situering"),
    "visie": ("Visie en uitgangspunten", "Onze visie", "Waarom dit project?"),
    "evaluatie": ("Evaluatie en opvolging", "Monitoring en evaluatie", "Hoe meten we resultaten?"),
    "verankering": ("Verankering na de projectperiode", "Duurzaamheid", "Na het project"),
    "risico": ("Risico's en bijsturing", "Mogelijke knelpunten"),
}

# Offer sentences: each one states plainly that the organisation delivers this service.
OFFERS: dict[str, tuple[str, ...]] = {
    "trajectbegeleiding": (
        "Elke deelnemer krijgt één vaste trajectbegeleider die het centrale aanspreekpunt blijft over alle "
        "levensdomeinen heen en het hele traject bewaakt.",
        "We werken outreachend en aanklampend: onze trajectbegeleiders zoeken deelnemers op waar ze zijn, thuis, "
        "in het dienstencentrum of op de markt van {mun}, en haken niet af wanneer een afspraak niet doorgaat.",
        "Vanuit de presentiebenadering maken onze begeleiders effectief tijd voor de cliënt; ze volgen het tempo van "
        "de deelnemer en bewaken samen met hem of haar het volledige traject.",
        "Onze trajectbegeleiding is empowerend: we vertrekken vanuit wat mensen wél kunnen en zoeken samen een "
        "passend aanbod dat aansluit bij hun noden, interesses en competenties.",
    ),
    "huisvesting": (
        "We bieden woonbegeleiding: samen met de deelnemer zoeken we een betaalbare woning, we gaan mee naar "
        "bezichtigingen en we helpen bij de inschrijving voor een sociale woning en de aanvraag van de huurpremie.",
        "Wanneer een uithuiszetting dreigt, komen onze woonbegeleiders snel tussen: we bemiddelen met de verhuurder, "
        "maken een afbetalingsplan voor de huurachterstal en zoeken samen met het OCMW naar een oplossing.",
        "Onze woonbegeleiders helpen deelnemers hun woning te onderhouden en te behouden: afspraken met de verhuurder, "
        "energiefacturen, kleine herstellingen en een goed contact met de buren.",
        "Via een samenwerking met het sociaal verhuurkantoor zetten we drie doorgangswoningen in voor mensen die "
        "dak- of thuisloos zijn, gekoppeld aan intensieve woonbegeleiding.",
    ),
    "kinderopvang": (
        "We ondersteunen ouders bij het vinden van kinderopvang en naschoolse opvang (IBO): we brengen het aanbod in "
        "kaart, helpen bij de inschrijving en zoeken mee naar opvang met een inkomensgerelateerd tarief.",
        "Voor alleenstaande ouders die een opleiding of job starten, organiseren we samen met het Huis van het Kind "
        "flexibele en occasionele kinderopvang, ook tijdens de schoolvakanties.",
        "Onze medewerkers leiden ouders toe naar de kinderopvang en de buitenschoolse opvang in hun buurt en "
        "bemiddelen wanneer de uren van werk en opvang niet op elkaar aansluiten.",
    ),
    "verslaving": (
        "Voor deelnemers met een alcohol-, drug- of gameverslaving bieden we laagdrempelige begeleiding op maat, in "
        "nauwe samenwerking met het CAD Limburg.",
        "Onze begeleiders zijn opgeleid in motiverende gespreksvoering en begeleiden mensen met een "
        "verslavingsproblematiek stap voor stap naar structuur in hun dag en, waar nodig, naar gespecialiseerde "
        "verslavingszorg.",
        "We bieden nazorg na een opname of ontwenning: wekelijkse huisbezoeken, een vast aanspreekpunt en hulp bij "
        "het opbouwen van een dagstructuur zonder alcohol of drugs.",
    ),
    "generatiearmoede": (
        "We begeleiden gezinnen in generatiearmoede en hun context: we werken met het hele gezin, ook met de kinderen "
        "en grootouders, om patronen te doorbreken die al generaties meegaan.",
        "Ervaringsdeskundigen in armoede en sociale uitsluiting maken deel uit van ons team en begeleiden mee gezinnen "
        "die al generaties in armoede leven.",
        "Onze gezinsbegeleiders gaan aan huis bij gezinnen in generatiearmoede en werken aan de drempels die ouders "
        "en kinderen samen ervaren.",
    ),
    "mentale-beperking": (
        "We begeleiden deelnemers met (een vermoeden van) een mentale beperking, soms in combinatie met een "
        "autismespectrumstoornis, met heldere afspraken, visuele ondersteuning en één vaste begeleider.",
        "Onze jobcoaches hebben ervaring met mensen met een licht verstandelijke beperking en autisme, en begeleiden "
        "hen op de werkvloer tot de job stabiel is.",
        "Voor mensen met een vermoeden van een verstandelijke beperking zorgen we samen met het CGG voor een "
        "diagnose en zoeken we daarna een aangepaste job of dagbesteding.",
    ),
    "vrouwen-migratieachtergrond": (
        "We activeren specifiek vrouwen met een migratieachtergrond via een groepstraject waarin zelfvertrouwen, "
        "ontmoeting en oriëntatie op werk samenkomen.",
        "Onze vrouwengroep in {place} biedt een veilige plek waar vrouwen met een migratieachtergrond werken aan hun "
        "zelfvertrouwen en hun stappen naar werk of opleiding.",
        "Met gespecialiseerde jobcoaching voor anderstalige vrouwen begeleiden we deelnemers naar een eerste job, "
        "bijvoorbeeld in de zorg, de schoonmaak of de fruitteelt.",
    ),
    "netwerk": (
        "Via buddywerking koppelen we elke deelnemer aan een vrijwilliger uit de buurt die wekelijks langskomt en mee "
        "op stap gaat.",
        "We bouwen samen met de deelnemer een duurzaam sociaal netwerk uit: buren, familie, lotgenoten en "
        "vrijwilligers bij wie hij of zij terechtkan wanneer de begeleiding stopt.",
        "Onze wekelijkse ontmoetingsmomenten in het buurthuis van {place} brengen deelnemers samen en versterken hun "
        "netwerk; een buddy zorgt dat niemand er alleen naartoe moet.",
    ),
    "psychische-hulp": (
        "We bieden laagdrempelige psychische hulpverlening: een psycholoog van ons team is twee dagen per week zonder "
        "afspraak aanwezig in het sociaal huis van {mun}.",
        "Via de eerstelijnspsychologische functie en het CGG leiden we deelnemers toe naar gepaste hulpverlening, en "
        "we overbruggen de wachttijd met ondersteunende gesprekken.",
        "Onze medewerkers vinden mensen met psychische kwetsbaarheid, begeleiden hen en leiden hen waar mogelijk toe "
        "naar de gepaste hulpverlening, met oog op hun mentaal welzijn en weerbaarheid.",
    ),
    "administratie-financien": (
        "We bieden budgetbegeleiding en ondersteunen deelnemers bij het beheren van hun administratie: facturen, "
        "brieven van de overheid, afbetalingsplannen en het ordenen van papieren.",
        "In onze wekelijkse papierenwinkel helpen vrijwilligers deelnemers met formulieren, de aanvraag van premies "
        "en tegemoetkomingen en het begrijpen van hun facturen.",
        "Samen met de dienst schuldbemiddeling van het OCMW leren we deelnemers hun budget beheren, zodat nieuwe "
        "schulden vermeden worden.",
    ),
    "nederlandse-taal": (
        "We organiseren laagdrempelige lessen Nederlands (NT2) en alfabetisering voor deelnemers die nog niet of "
        "nauwelijks kunnen lezen en schrijven, samen met het Centrum voor Basiseducatie.",
        "In ons taalcafé oefenen deelnemers hun Nederlands in alledaagse situaties: bij de dokter, op school en op "
        "het werk.",
        "Vrijwillige taalcoaches begeleiden deelnemers individueel bij het leren lezen en schrijven in het Nederlands, "
        "aansluitend op de NT2-lessen.",
    ),
    "digitale-vaardigheden": (
        "We versterken digitale vaardigheden: in kleine groepen leren deelnemers werken met een smartphone, itsme, "
        "e-mail, Mijn VDAB en het e-loket van de gemeente.",
        "In ons digipunt in {place} kunnen deelnemers elke week terecht met vragen over hun computer, online "
        "formulieren en digitale veiligheid.",
        "We lenen laptops uit en begeleiden deelnemers tot ze zelfstandig online een vacature kunnen zoeken en "
        "solliciteren.",
    ),
}

# "We do not do X" sentences: X is named but not offered.
NEGATIONS: dict[str, tuple[str, ...]] = {
    "verslaving": ("Wij bieden zelf geen verslavingszorg aan; deelnemers met een alcohol- of drugprobleem verwijzen "
                   "we door naar het CAD.",),
    "kinderopvang": ("Kinderopvang organiseren we niet zelf; daarvoor verwijzen we naar het Huis van het Kind.",),
    "huisvesting": ("Woonbegeleiding maakt geen deel uit van ons aanbod; voor woonvragen verwijzen we door naar het "
                    "sociaal verhuurkantoor.",),
    "psychische-hulp": ("We bieden geen psychologische begeleiding aan; wie dat nodig heeft, leiden we toe naar het "
                        "CGG.",),
    "nederlandse-taal": ("Taallessen Nederlands geven we niet zelf; deelnemers volgen die bij het CVO of het Centrum "
                         "voor Basiseducatie.",),
    "administratie-financien": ("Budgetbegeleiding en schuldbemiddeling bieden wij niet aan; die blijven bij het "
                                "OCMW.",),
    "digitale-vaardigheden": ("Digitale vorming valt buiten dit project; daarvoor kunnen deelnemers bij het digipunt "
                              "van de bibliotheek terecht.",),
}

# Regional context: the theme is named, but only as a description of the region.
CONTEXTS: dict[str, tuple[str, ...]] = {
    "generatiearmoede": ("In onze regio is er veel generatiearmoede, en dat merken we ook in de vragen die bij ons "
                         "binnenkomen.",),
    "verslaving": ("Partners signaleren dat alcohol- en drugproblemen in de regio de laatste jaren toenemen.",),
    "kinderopvang": ("Het tekort aan kinderopvang in Haspengouw is algemeen bekend.",),
    "huisvesting": ("De wachtlijsten voor een sociale woning zijn in de regio bijzonder lang.",),
    "psychische-hulp": ("Ook in de geestelijke gezondheidszorg botsen mensen in de regio op lange wachtlijsten.",),
}

CHALLENGE_SENTENCES: dict[str, tuple[str, ...]] = {
    "uitdaging-1": (
        "Ons project speelt in op regio-uitdaging 1: personen zoals {names}, die door psychische kwetsbaarheid en de "
        "zorg voor hun kinderen moeilijk aansluiting vinden bij de samenleving.",
        "We richten ons op mensen met het profiel van {names}: vaak alleenstaande moeders met een zware rugzak, die "
        "nood hebben aan ondersteuning op maat en aan ontlasting in de zorg voor hun kinderen.",
        "Het project beantwoordt regio-uitdaging 1 uit het lokaal addendum: mensen stap voor stap opnieuw laten "
        "deelnemen aan de samenleving, zonder zaken te overhaasten.",
    ),
    "uitdaging-2": (
        "We kiezen voor regio-uitdaging 2: mannen zoals {names}, die kampen met verslaving, dak- of thuisloosheid "
        "en een grote afstand tot de arbeidsmarkt.",
        "Onze deelnemers lijken sterk op de persona's {names}: ze hebben hun leven niet meer op de rails en hebben "
        "nood aan structuur, een dak boven hun hoofd en een netwerk waarop ze kunnen terugvallen.",
        "Dit voorstel antwoordt op regio-uitdaging 2 van het lokaal addendum: op het tempo van de deelnemer werken "
        "aan structuur, competenties en een duurzame tewerkstelling.",
    ),
    "uitdaging-3": (
        "Ons project sluit aan bij regio-uitdaging 3, gebaseerd op de persona {names}: anderstalige, vaak "
        "alleenstaande moeders die hun taalkennis en vaardigheden willen versterken om financieel onafhankelijker "
        "te worden.",
        "We werken met vrouwen zoals {names}, die de zorg voor het gezin willen combineren met een job en daarvoor "
        "een netwerk en meer zelfvertrouwen nodig hebben.",
        "Het voorstel beantwoordt regio-uitdaging 3: gezinszorg combineerbaar maken met een job, zodat deelnemers "
        "langdurig aan het werk kunnen blijven.",
    ),
}

# Themes that a challenge sentence names while describing the target group (by sentence index);
# they are context, not offers, unless the proposal also offers them.
CHALLENGE_CONTEXT: dict[tuple[str, int], tuple[str, ...]] = {
    ("uitdaging-1", 0): ("psychische-hulp",),
    ("uitdaging-1", 1): ("kinderopvang",),
    ("uitdaging-2", 0): ("verslaving", "huisvesting"),
    ("uitdaging-2", 1): ("huisvesting", "netwerk"),
    ("uitdaging-3", 0): ("nederlandse-taal",),
    ("uitdaging-3", 1): ("netwerk",),
}

EXCLUSION_SENTENCES = {
    "hooggeschoolde-nieuwkomers": "Een belangrijk deel van onze deelnemers zijn nieuwkomers met een hoger diploma uit "
                                  "hun thuisland dat hier niet gelijkgesteld is; we helpen hen bij de gelijkschakeling "
                                  "en de zoektocht naar werk op hun niveau.",
    "enkel-praktische-drempels": "We richten ons ook op werkzoekenden voor wie mobiliteit of de afstand tot het werk "
                                 "de enige drempel is; met een pendelbusje brengen we hen naar hun werkplek.",
}

# Filler: realistic proposal prose without sector keywords (see the module docstring).
FILLER = (
    "We vertrekken altijd vanuit de vraag van de deelnemer zelf en niet vanuit wat wij denken dat goed is.",
    "Onze medewerkers hebben jarenlange ervaring in het werken met mensen in een kwetsbare situatie.",
    "Vertrouwen opbouwen vraagt tijd; daarom voorzien we in de eerste weken vooral ruimte voor kennismaking.",
    "Elke stap wordt samen met de deelnemer besproken en vastgelegd in een eenvoudig actieplan.",
    "We evalueren het project elk halfjaar met de partners en passen de werking aan waar dat nodig is.",
    "De ervaringen van deelnemers nemen we mee in die evaluatie, zowel via gesprekken als via een korte bevraging.",
    "Het team bestaat uit een coördinator, twee begeleiders en een groep vaste vrijwilligers.",
    "Vrijwilligers krijgen een degelijke onthaalvorming en worden opgevolgd door een vaste medewerker.",
    "We zorgen voor intervisie en supervisie, zodat medewerkers ook in moeilijke situaties goed ondersteund zijn.",
    "De resultaten delen we met het lokaal partnerschap, zodat andere organisaties kunnen leren uit onze aanpak.",
    "Deelnemers kiezen zelf mee aan welke doelen ze werken en in welk tempo.",
    "We registreren de trajecten zorgvuldig, met respect voor de privacy van de deelnemers en conform de GDPR.",
    "Het project bouwt voort op een werking die in de voorbije jaren al haar waarde heeft bewezen.",
    "Kleine successen worden gevierd, want ze geven deelnemers het vertrouwen om verder te gaan.",
    "We merken dat mensen vaak afhaken wanneer ze van het kastje naar de muur worden gestuurd.",
    "Daarom kiezen we voor korte lijnen en een persoonlijke aanpak.",
    "Onze lokalen zijn vlot bereikbaar en we voorzien een onthaal waar mensen zonder afspraak binnen kunnen lopen.",
    "We werken met een duidelijke doelstelling: na achttien maanden heeft minstens de helft van de deelnemers een "
    "volgende stap gezet richting opleiding, vrijwilligerswerk of betaald werk.",
    "Die doelstelling is haalbaar omdat we kunnen voortbouwen op bestaande contacten met lokale werkgevers.",
    "We willen het project na de subsidieperiode verankeren in onze reguliere werking.",
    "Daarvoor zoeken we tijdens de looptijd naar bijkomende middelen en structurele samenwerkingen.",
    "Mogelijke knelpunten zijn personeelsverloop en een trage instroom van deelnemers.",
    "We vangen dat op met een goede overdracht tussen medewerkers en een actieve toeleiding via de partners.",
    "Iedere deelnemer wordt minstens tweewekelijks gezien, vaker wanneer de situatie dat vraagt.",
    "De coördinator bewaakt de kwaliteit van de begeleiding en is aanspreekpunt voor de partners.",
    "We rapporteren jaarlijks over het aantal deelnemers, de gezette stappen en de ervaren drempels.",
    "Deelnemers die het project verlaten, kunnen later altijd opnieuw aankloppen.",
    "We hechten veel belang aan een warme overdracht wanneer een deelnemer naar een andere dienst gaat.",
    "Onze ervaring leert dat een vast gezicht voor veel deelnemers het verschil maakt.",
    "We nemen deel aan de overlegmomenten van het lokaal partnerschap en delen daar onze signalen.",
    "Het project past binnen de meerjarenplanning van onze organisatie en wordt gedragen door de raad van bestuur.",
    "Alle medewerkers volgen een vorming rond een herstelgerichte en waarderende manier van werken.",
    "We werken zo veel mogelijk in de leefwereld van de deelnemer, op momenten die voor hem of haar haalbaar zijn.",
    "We houden rekening met de beperkte mobiliteit in de regio bij het plannen van afspraken en groepsmomenten.",
    "Waar nodig gaan we samen met de deelnemer naar een afspraak bij een andere dienst.",
    "De begeleiding is gratis voor de deelnemers.",
    "We hebben bewust gekozen voor een kleinschalige aanpak, met een beperkt aantal deelnemers per begeleider.",
    "Elke begeleider volgt maximaal vijftien deelnemers tegelijk op.",
    "De eerste maanden gebruiken we om de werking bekend te maken bij partners, huisartsen en scholen.",
    "Daarnaast verspreiden we een eenvoudige folder, met veel beeld en weinig tekst.",
    "We stellen vast dat veel mensen de weg naar de bestaande hulpverlening niet vinden.",
    "Schaamte en wantrouwen spelen daarbij vaak een grote rol.",
    "Een laagdrempelige eerste ontmoeting, zonder formulieren, helpt om die drempel te verlagen.",
    "We bouwen aan een relatie van gelijkwaardigheid, waarin de deelnemer expert is van zijn eigen leven.",
    "Het project wordt opgevolgd door een stuurgroep met vertegenwoordigers van de partners.",
    "De stuurgroep komt minstens drie keer per jaar samen.",
    "We documenteren goede praktijken, zodat de aanpak ook elders in Limburg kan worden toegepast.",
    "Onze organisatie beschikt over de nodige omkadering en ondersteunende diensten om het project te dragen.",
    "We werken volgens een kwaliteitshandboek dat jaarlijks wordt herzien.",
    "Het project start zodra de middelen zijn toegekend en loopt tot het einde van de subsidieperiode.",
)

PARTNERS = (
    ("OCMW / Sociaal Huis {mun}", "toeleiding van deelnemers en afstemming van de begeleiding"),
    ("VDAB", "afstemming van trajecten naar werk en opleiding"),
    ("lokaal bestuur {mun}", "lokale verankering en ter beschikking stellen van een lokaal"),
    ("Samenlevingsopbouw Limburg", "signaalfunctie en ondersteuning van de groepswerking"),
    ("Welzijnsschakels", "vrijwilligers en ervaringsdeskundigheid"),
    ("lokaal dienstencentrum", "ontmoetingsruimte en vrijwilligers"),
    ("huisartsenpraktijk in {place}", "toeleiding van deelnemers"),
    ("basisschool in {place}", "contact met ouders"),
)
SERVICE_PARTNERS: dict[str, tuple[str, str]] = {
    "verslaving": ("CAD Limburg", "expertise en doorverwijzing bij verslavingsproblemen"),
    "psychische-hulp": ("CGG LITP", "consult en toeleiding naar psychologische hulp"),
    "mentale-beperking": ("CGG LITP", "diagnostiek en advies"),
    "huisvesting": ("sociaal verhuurkantoor", "woningen en begeleiding van huurders"),
    "kinderopvang": ("Huis van het Kind Sint-Truiden", "opvangplaatsen en ondersteuning van ouders"),
    "nederlandse-taal": ("Centrum voor Basiseducatie", "taallessen en alfabetisering"),
    "vrouwen-migratieachtergrond": ("Agentschap Integratie en Inburgering", "toeleiding en tolken"),
    "trajectbegeleiding": ("CAW Limburg", "afstemming met het onthaal en de algemene hulpverlening"),
    "administratie-financien": ("dienst schuldbemiddeling OCMW", "afstemming bij schuldenproblemen"),
    "digitale-vaardigheden": ("bibliotheek {mun}", "digipunt en uitleen van toestellen"),
}

PLANNING_ACTIVITIES = (
    "Opstart, aanwerving en vorming van de begeleiders",
    "Afstemming met partners en lokale besturen",
    "Bekendmaking en toeleiding van de eerste deelnemers",
    "Individuele begeleiding en groepswerking",
    "Tussentijdse evaluatie met het lokaal partnerschap",
    "Bijsturing van de werking op basis van de evaluatie",
    "Uitbreiding naar bijkomende deelgemeenten",
    "Eindevaluatie en overdracht",
    "Verankering in de reguliere werking",
)
PLANNING_PERIODS = (
    ("september 2023", "oktober – december 2023", "januari – maart 2024", "april – juni 2024", "juli – december 2024",
     "januari – juni 2025", "juli – augustus 2025"),
    ("Q3 2023", "Q4 2023", "Q1 2024", "Q2 2024", "Q3–Q4 2024", "Q1–Q2 2025", "Q3 2025"),
    ("maand 1–2", "maand 3–4", "maand 5–8", "maand 9", "maand 10–16", "maand 17–22", "maand 23–24"),
)
RESPONSIBLE = ("coördinator", "begeleiders", "stuurgroep", "alle partners", "coördinator en partners")

BUDGET_POSTS = (
    ("Personeelskosten", "{fte} VTE begeleider, {months} maanden", 62000),
    ("Personeelskosten coördinatie", "{fte2} VTE coördinator", 72000),
    ("Werkingskosten", "materiaal, telefonie, drukwerk", 0),
    ("Verplaatsingskosten", "huisbezoeken en begeleiding naar afspraken", 0),
    ("Vorming en intervisie", "opleiding medewerkers en vrijwilligers", 0),
    ("Huur en nutsvoorzieningen", "lokaal voor groepswerking", 0),
    ("Tolken en vertaling", "sociaal tolken", 0),
    ("Vergoeding vrijwilligers", "forfaitaire onkostenvergoeding", 0),
    ("Overhead", "administratie en boekhouding", 0),
)


def euro(amount: float, style: int = 0) -> str:
    """Belgian amount notation: € 62.500,00 / 62.500 EUR / € 62 500."""
    whole = f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    if style == 0:
        return f"€ {whole}"
    if style == 1:
        return f"{whole[:-3]} EUR"
    return f"€ {whole[:-3].replace('.', ' ')}"


def dutch_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def join_nl(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


@dataclass(frozen=True)
class Block:
    """One unit of document content, rendered alike by the PDF, DOCX, scan and plain-text writers."""

    kind: str                                  # heading | para | bullets | table | pagebreak
    text: str = ""
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()     # first row is the header
    essential: bool = True                     # False: filler that may be dropped to fit a page budget


@dataclass(frozen=True)
class Proposal:
    title: str
    acronym: str
    organisation: Organisation
    written: date
    blocks: tuple[Block, ...]
    truth: dict                     # ground truth of what the text states (JSON-serialisable)
    budget_rows: tuple[tuple[str, str, float], ...] = ()
    cover: bool = True
    font: str = "Helvetica"
    numbered: bool = True
    logo: bool = False              # the organisation's logo on the cover page


TITLE_PARTS_A = (
    "Samen op weg", "Stap voor stap", "Thuis in Haspengouw", "Sterk in je schoenen", "Een warme hand",
    "Kansen op maat", "Op eigen tempo", "Wegwijs", "Vaste grond", "Nieuwe wortels", "Mee aan tafel",
    "Bloesem", "Anker", "Draagkracht", "Opstap", "Verbinding", "Zij aan zij", "Kompas", "Brug naar werk",
    "Open deur", "Tussen de boomgaarden", "Dichtbij",
)
TITLE_PARTS_B = (
    "begeleiding op maat in {area}", "een netwerk voor kwetsbare gezinnen", "naar werk en welzijn in {area}",
    "laagdrempelige ondersteuning in {area}", "samen sterker in {area}", "trajecten voor mensen in armoede",
    "ondersteuning van alleenstaande ouders", "van isolement naar netwerk", "een buurtgerichte aanpak",
)


def _paragraphs(rng: random.Random, sentences: list[str], essential: bool) -> list[Block]:
    """Group sentences into paragraphs of 2–5 sentences."""
    blocks: list[Block] = []
    i = 0
    while i < len(sentences):
        n = rng.randint(2, 5)
        blocks.append(Block("para", " ".join(sentences[i:i + n]), essential=essential))
        i += n
    return blocks


def _filler(rng: random.Random, n_sentences: int, ctx: dict[str, str]) -> list[Block]:
    pool = list(FILLER)
    rng.shuffle(pool)
    # Long proposals reuse the pool in a different order, as real proposals repeat themselves.
    chosen = [pool[i % len(pool)] for i in range(n_sentences)]
    return _paragraphs(rng, [s.format(**ctx) for s in chosen], essential=False)


def build_proposal(
    rng: random.Random,
    org: Organisation,
    written: date,
    *,
    target_pages: int,
    missing: tuple[str, ...] = (),
    compact: bool = False,
) -> Proposal:
    """Compose a proposal and its ground truth.

    `target_pages` steers how much filler is added (about 560 words per page at 11 pt);
    `compact` makes a short 1–2 page version (for scans, photos and mail bodies): essential
    sentences only. Sections in `missing` are left out entirely, with everything they would state.
    """
    n_services = rng.choices((1, 2, 3, 4), weights=(25, 40, 25, 10))[0]
    services = rng.sample(SERVICE_TYPES, n_services)
    if rng.random() < 0.35 and "trajectbegeleiding" not in services:
        services[0] = "trajectbegeleiding"   # the addendum's first service type is by far the most common
    n_chal = rng.choices((1, 2, 3), weights=(60, 30, 10))[0]
    challenges = sorted(rng.sample(tuple(CHALLENGE_PERSONAS), n_chal))
    n_mun = rng.choices((1, 2, 3, 6), weights=(40, 30, 15, 15))[0]
    municipalities = sorted(rng.sample(tuple(MUNICIPALITIES), n_mun), key=tuple(MUNICIPALITIES).index)
    if org.municipality not in municipalities and rng.random() < 0.7:
        municipalities[0] = org.municipality
        municipalities = sorted(set(municipalities), key=tuple(MUNICIPALITIES).index)
    others = [s for s in SERVICE_TYPES if s not in services]
    negated = [s for s in rng.sample(others, len(others)) if s in NEGATIONS][: rng.choice((0, 0, 1, 1, 2))]
    context = [s for s in others if s in CONTEXTS and s not in negated]
    context = rng.sample(context, min(len(context), rng.choice((0, 1, 1, 2))))
    exclusions = [rng.choice(EXCLUSIONS)] if rng.random() < 0.04 else []

    mun_names = [MUNICIPALITIES[m] for m in municipalities]
    area = "Haspengouw" if len(municipalities) > 2 else join_nl(mun_names)
    # the project's own venues ("ons digipunt in {place}") lie where it works, not at a seat outside that
    place = org.place if org.municipality in municipalities else MUNICIPALITIES[municipalities[0]]
    ctx = {"mun": MUNICIPALITIES[municipalities[0]], "place": place, "org": org.short}

    title_a = rng.choice(TITLE_PARTS_A)
    title = f"{title_a}: {rng.choice(TITLE_PARTS_B).format(area=area)}"
    acronym = ascii_slug(title_a, "-").upper()[:18]
    sections = [s for s in SECTIONS if s not in missing]
    # Not every author follows the call's order: partners and area often come earlier.
    if rng.random() < 0.25:
        sections.sort(key=lambda s: {"werkingsgebied": 1.5, "samenwerking": 2.5}.get(s, SECTIONS.index(s)))

    # The sentence that states each fact, so a test can check the quote a pipeline cites.
    evidence: dict[str, dict[str, str]] = {"service_types": {}, "negated_service_types": {},
                                           "context_service_types": {}, "challenges": {}}
    context_named: list[str] = []
    truth: dict = {
        "project_title": title,
        "service_types": [s for s in SERVICE_TYPES if s in services] if "aanpak" in sections else [],
        "negated_service_types": [],
        "context_service_types": [],
        "challenges": [],
        "personas": [],
        "municipalities": [],
        "places": [],
        "outside_places": [],
        "exclusions": [],
        "sections_present": sections,
        "missing_sections": [s for s in SECTIONS if s in missing],
        "budget_total": None,
        "partners": [],
    }
    blocks: list[Block] = []
    budget_rows: list[tuple[str, str, float]] = []
    words_target = 0 if compact else max(0, (target_pages - 1.5) * 560)
    # Essential text is about 120 words per section; the rest of the page budget is filler.
    filler_sentences = int(words_target / 19) if not compact else 0
    extra_keys = [k for k in EXTRA_SECTIONS if rng.random() < 0.45] if not compact else []
    filler_slots = sections + extra_keys
    per_slot = [0] * len(filler_slots)
    for _ in range(filler_sentences):
        per_slot[rng.randrange(len(filler_slots))] += 1
    filler_for = dict(zip(filler_slots, per_slot, strict=True))

    def heading(options: tuple[str, ...]) -> None:
        blocks.append(Block("heading", rng.choice(options)))

    if "inleiding" in extra_keys:
        heading(EXTRA_SECTIONS["inleiding"])
        blocks.extend(_filler(rng, max(2, filler_for["inleiding"]), ctx))

    for section in sections:
        heading(HEADINGS[section])
        sentences: list[str] = []
        if section == "organisatie":
            desc = rng.choice(KIND_DESCRIPTIONS[org.kind]).format(age=max(2, written.year - org.founded))
            sentences.append(f"{org.name} is {desc}, gevestigd in de {org.street} in {org.place} "
                             f"({POSTCODES[org.municipality]} {MUNICIPALITIES[org.municipality]}).")
            c = org.contact
            sentences.append(f"Contactpersoon voor dit project is {c.name}, {c.role} ({c.email}, {c.phone}).")
            if org.kind != "citizens":
                sentences.append(f"Ondernemingsnummer: {org.enterprise_number}.")
            if org.kind in ("vzw", "social-enterprise") and rng.random() < 0.5:
                town = rng.choice(OUTSIDE_TOWNS[:3])
                sentences.append(f"Naast onze werking in {org.place} hebben we een tweede vestiging in {town}.")
                truth["outside_places"].append(town)
            if org.staff:
                sentences.append(f"We stellen {org.staff} medewerkers tewerk en kunnen rekenen op {org.volunteers} "
                                 "vrijwilligers.")
            blocks.extend(_paragraphs(rng, sentences, essential=True))
        elif section == "doelgroep":
            for ch in challenges:
                names = list(CHALLENGE_PERSONAS[ch])
                variant = rng.randrange(len(CHALLENGE_SENTENCES[ch]))
                if variant < 2:
                    if len(names) > 1 and rng.random() < 0.3:
                        names = sorted(rng.sample(names, len(names) - 1), key=CHALLENGE_PERSONAS[ch].index)
                    truth["personas"].extend(n.lower() for n in names)
                sentence = CHALLENGE_SENTENCES[ch][variant].format(names=join_nl(names))
                sentences.append(sentence)
                evidence["challenges"][ch] = sentence
                named = [t for t in CHALLENGE_CONTEXT.get((ch, variant), ()) if t not in services and t not in negated]
                context_named.extend(named)
            truth["challenges"] = challenges
            for s in context:
                sentence = rng.choice(CONTEXTS[s])
                sentences.append(sentence)
                evidence["context_service_types"][s] = sentence
            truth["context_service_types"] = sorted(set(context) | set(context_named), key=SERVICE_TYPES.index)
            for e in exclusions:
                sentences.append(EXCLUSION_SENTENCES[e])
            truth["exclusions"] = exclusions
            blocks.extend(_paragraphs(rng, sentences, essential=True))
        elif section == "aanpak":
            for s in services:
                picks = [p.format(**ctx) for p in rng.sample(OFFERS[s], rng.randint(1, 2) if not compact else 1)]
                sentences.extend(picks)
                evidence["service_types"][s] = picks[0]
            for s in negated:
                sentence = rng.choice(NEGATIONS[s])
                sentences.append(sentence)
                evidence["negated_service_types"][s] = sentence
            truth["negated_service_types"] = sorted(negated, key=SERVICE_TYPES.index)
            offer_blocks = _paragraphs(rng, sentences, essential=True)
            if not compact and len(services) > 1 and rng.random() < 0.4:
                blocks.append(Block("para", "Concreet bieden we de volgende dienstverlening aan:"))
                blocks.append(Block("bullets", items=tuple(b.text for b in offer_blocks)))
            else:
                blocks.extend(offer_blocks)
            if not compact and ("planning" in missing and "begroting" in missing):
                # Keep at least one real table in every document, as most proposals have one.
                blocks.append(Block("table", rows=(("Functie", "VTE", "Taken"),
                                                   ("Coördinator", "0,2", "opvolging en overleg"),
                                                   ("Begeleider", "1,0", "individuele trajecten"),
                                                   ("Vrijwilligers", "–", "ondersteuning groepswerking"))))
        elif section == "werkingsgebied":
            style = rng.randrange(4)
            if n_mun == 6 and style < 2:
                sentences.append("Het project loopt in alle zes gemeenten van de werkingsregio Haspengouw: "
                                 f"{join_nl(mun_names)}.")
            elif style == 3 and all(DEELGEMEENTEN[m] for m in municipalities):
                # Only sub-municipalities: the pipeline has to know that Brustem is Sint-Truiden.
                places = [rng.choice(DEELGEMEENTEN[m]) for m in municipalities]
                truth["places"].extend(places)
                sentences.append(f"We zijn actief in {join_nl(places)}, waar we al een sterke buurtwerking hebben.")
            else:
                sentences.append(f"Het werkingsgebied van het project omvat {join_nl(mun_names)}.")
                if rng.random() < 0.5:
                    m = rng.choice(municipalities)
                    subs = rng.sample(DEELGEMEENTEN[m], min(2, len(DEELGEMEENTEN[m])))
                    truth["places"].extend(subs)
                    sentences.append(f"In {MUNICIPALITIES[m]} ligt de nadruk op {join_nl(subs)}.")
            truth["municipalities"] = municipalities
            if rng.random() < 0.3:
                town = rng.choice(OUTSIDE_TOWNS)
                sentences.append(f"Eerder liep een gelijkaardig project in {town}; die werking valt buiten dit voorstel.")
                truth["outside_places"].append(town)
            if rng.random() < 0.3:
                sentences.append("Mobiliteit is in de regio een grote drempel: de busverbindingen tussen de "
                                 "deelgemeenten zijn beperkt.")
            blocks.extend(_paragraphs(rng, sentences, essential=True))
        elif section == "samenwerking":
            partners: list[tuple[str, str]] = []
            for s in services:
                if s in SERVICE_PARTNERS:
                    partners.append(SERVICE_PARTNERS[s])
            partners.extend(rng.sample(PARTNERS, rng.randint(1, 3)))
            seen: set[str] = set()
            partners = [p for p in partners if not (p[0] in seen or seen.add(p[0]))]
            filled = [(p.format(**ctx), r.format(**ctx)) for p, r in partners]
            truth["partners"] = [p for p, _ in filled]
            if not compact and rng.random() < 0.5:
                blocks.append(Block("para", "We werken samen met de volgende partners:"))
                blocks.append(Block("table", rows=(("Partner", "Rol in het project"), *filled)))
            else:
                sentences.append("We werken samen met " + join_nl([f"{p} ({r})" for p, r in filled]) + ".")
                blocks.extend(_paragraphs(rng, sentences, essential=True))
        elif section == "planning":
            periods = rng.choice(PLANNING_PERIODS)
            n_rows = rng.randint(4, 7) if not compact else 4
            # Always start with the start-up and end with the hand-over; the middle varies.
            last = len(PLANNING_ACTIVITIES) - 1 - rng.randrange(2)
            idx = [0, *sorted(rng.sample(range(1, last), n_rows - 2)), last]
            with_resp = rng.random() < 0.5 and not compact
            header = ("Periode", "Activiteit", "Verantwoordelijke") if with_resp else ("Periode", "Activiteit")
            rows = [header]
            for k, a in enumerate(idx):
                # Spread the rows over the whole period, so the last activity falls at the end.
                row = (periods[round(k * (len(periods) - 1) / (n_rows - 1))], PLANNING_ACTIVITIES[a])
                rows.append(row + ((rng.choice(RESPONSIBLE),) if with_resp else ()))
            blocks.append(Block("para", "Het project loopt over 24 maanden, vanaf september 2023."))
            blocks.append(Block("table", rows=tuple(rows)))
        elif section == "begroting":
            fte = rng.choice((0.5, 0.8, 1.0, 1.0, 1.5, 2.0))
            months = 24
            style = rng.randrange(3)
            for post, note, base in BUDGET_POSTS:
                if base:
                    if post.endswith("coördinatie") and rng.random() < 0.5:
                        continue
                    f = fte if "begeleider" in note else rng.choice((0.1, 0.2, 0.25))
                    amount = round(base * f * months / 12 / 100) * 100
                    note_text = note.format(fte=str(f).replace(".", ","), fte2=str(f).replace(".", ","), months=months)
                else:
                    if rng.random() < 0.35:
                        continue
                    amount = rng.randrange(10, 120) * 100
                    note_text = note
                budget_rows.append((post, note_text, float(amount)))
            total = sum(r[2] for r in budget_rows)
            truth["budget_total"] = total
            rows = [("Kostenpost", "Toelichting", "Bedrag")]
            rows.extend((p, n, euro(a, style)) for p, n, a in budget_rows)
            rows.append(("Totaal", "", euro(total, style)))
            blocks.append(Block("para", f"We vragen in totaal {euro(total, style)} aan voor een looptijd van "
                                        f"{months} maanden."))
            blocks.append(Block("table", rows=tuple(rows)))
        blocks.extend(_filler(rng, filler_for.get(section, 0), ctx))

    for key in extra_keys:
        if key == "inleiding":
            continue
        heading(EXTRA_SECTIONS[key])
        blocks.extend(_filler(rng, max(2, filler_for[key]), ctx))

    truth["evidence"] = evidence
    truth["personas"] = sorted(set(truth["personas"]), key=["marlies", "nora", "marcel", "roy", "john", "chadia"].index)
    return Proposal(
        title=title, acronym=acronym, organisation=org, written=written, blocks=tuple(blocks), truth=truth,
        budget_rows=tuple(budget_rows), cover=(not compact and rng.random() < 0.7),
        font=rng.choices(("Helvetica", "Times-Roman", "Vera"), weights=(55, 20, 25))[0],
        numbered=rng.random() < 0.6, logo=rng.random() < 0.5,
    )


def proposal_plain_text(p: Proposal) -> str:
    """The proposal as plain text (for a proposal pasted into a mail body)."""
    lines: list[str] = [p.title, ""]
    n = 0
    for b in p.blocks:
        if b.kind == "heading":
            n += 1
            lines += ["", f"{n}. {b.text}" if p.numbered else b.text.upper(), ""]
        elif b.kind == "para":
            lines += [b.text, ""]
        elif b.kind == "bullets":
            lines += [f"- {item}" for item in b.items] + [""]
        elif b.kind == "table":
            lines += ["  |  ".join(r) for r in b.rows] + [""]
    return "\n".join(lines).strip() + "\n"
