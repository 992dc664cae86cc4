"""Word tables that say a name is, or is not, a place: entity labels, kind words, cues around a
name, and the heads of facility names. Read by recognition and facility placement."""

from __future__ import annotations

from spacy.tokens import Token

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

# Entity labels whose tokens are never scanned for place names ("Jordan" the person).
BLOCKING_LABELS = frozenset({"PERSON", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL",
                             "CARDINAL", "WORK_OF_ART", "LAW", "LANGUAGE", "EVENT", "PRODUCT"})

# A word after a name that says what kind of place it is ("the Aghdam region").
ADMIN_WORDS = frozenset({"region", "province", "district", "oblast", "county", "governorate", "state",
                         "rayon", "prefecture", "department", "municipality", "territory", "parish",
                         # ... and their plurals after a list: "Barrow, Jackson and Madison counties".
                         "regions", "provinces", "districts", "counties", "governorates", "states", "parishes"})

SETTLEMENT_WORDS = frozenset({"city", "town", "village"})

# Last words of facility names: the words before them are rarely the place meant.
FACILITY_WORDS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive", "highway", "bridge",
    "hospital", "school", "college", "university", "academy", "park", "club", "center", "centre", "hall",
    "house", "church", "cathedral", "basilica", "mosque", "temple", "market", "mall", "complex", "stadium",
    "airport", "station", "court", "square", "building", "tower", "hotel", "restaurant", "estate", "village",
    "plantation", "canal", "company", "corporation", "inc", "office", "prison", "camp", "base", "port",
    "railroad", "railway", "chapel", "castle", "embassy", "parade", "courthouse", "library", "museum",
    "theatre", "theater", "arena", "terminal", "pier", "wharf", "plaza", "institute", "zoo", "headquarters",
    "cemetery", "barracks", "gallery", "factory", "plant", "mine", "wing", "synagogue",
    "elementary",
})

CONNECTORS = frozenset({"-", "of", "de", "del", "la", "al", "el", "and", "upon", "on", "du", "des", "'s"})

# Capitalised words that are also place names somewhere but rarely mean one in news text.
NOT_PLACES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mr", "mrs", "ms", "dr", "president", "minister", "police", "army", "government", "god", "church",
    "university", "north", "south", "east", "west", "central", "republic", "city", "state", "county",
    "national", "international", "union", "street", "new", "san", "santa", "saint", "st", "mount", "lake",
    "river", "island", "islands", "bay", "beach", "park", "center", "centre", "media", "energy", "trump",
    "obama", "biden", "justice", "victoria", "independence", "liberty", "unity", "hope", "ministry",
    "defence", "defense", "council", "party", "court", "news", "post", "times", "press", "daily",
    "ocean", "sea", "light", "village", "hall", "house", "market", "coast", "le", "la", "el", "al", "hey",
    "white", "black", "green", "red", "royal", "pacific", "atlantic", "federal", "islamic", "soviet",
    "fort", "valley", "abu", "port", "cape", "point", "rock", "springs", "falls", "creek", "hill", "hills",
    "heights", "harbor", "harbour", "bridge", "gate", "mission", "delta", "grove", "rift", "western",
    "eastern", "northern", "southern", "upper", "lower", "old", "great", "little", "big", "grand",
    # Institutions and the words of ministries' and chambers' names ("in Congress", "Chamber of Commerce").
    "congress", "commerce", "industry",
})

LIST_GAPS = ([","], ["and"], ["or"], ["&"], [",", "and"], [",", "or"])

ODD_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})

LOCATIVE_PREPS = frozenset({"in", "at", "near", "into", "outside", "over", "from", "towards", "toward",
                            "across", "around", "inside", "entered", "reached", "outskirts"})
# ... of which these also tell a direction or a source rather than a place ("from Congress").
LOOSE_PREPS = frozenset({"from", "over", "across", "around", "towards", "toward"})

PLACE_NOUNS = frozenset({"town", "city", "village", "province", "district", "region", "outskirts", "capital",
                         "suburb", "governorate", "county", "state", "port", "area", "countryside", "centre",
                         "center", "edge", "vicinity", "municipality", "department", "north", "south", "east",
                         "west", "heart", "streets", "residents", "people"})

PLACE_AFTER = frozenset({"countryside", "province", "district", "region", "governorate", "county", "city",
                         "town", "village", "area", "airport", "outskirts", "counties", "provinces", "districts",
                         "desert", "peninsula",
                         # "Mansfield residents", "a Roswell native", "Joliet police".
                         "resident", "residents", "native", "natives", "police", "suburb", "suburbs"})

# NORP words that are adjectives of people, not places ("Kurdish", "Shiite", "Sunnis").
DEMONYM_ENDINGS = ("ian", "ians", "ese", "ish", "ist", "ists", "ite", "ites", "ic", "an", "ans", "is", "i")

# Nouns of a fight over a place: "the battle for Manbij".
CONTEST_NOUNS = frozenset({"battle", "fight", "fighting", "struggle", "offensive", "assault", "push", "race", "war"})

PART_WORDS = frozenset({"central", "northern", "southern", "eastern", "western", "northeastern", "northwestern",
                        "southeastern", "southwestern", "north", "south", "east", "west", "upstate", "downstate"})

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})

# "travelling to Cirencester": "to" marks a destination only after a verb of motion.
MOTION_VERBS = frozenset({"travel", "go", "move", "fly", "return", "head", "drive", "come", "flee", "send",
                          "deploy", "march", "sail", "relocate", "commute", "journey", "trip", "route", "visit",
                          "tour", "flight", "voyage", "evacuate", "transfer", "extradite"})

TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "lady", "lord", "st", "saint", "president",
                    "minister", "governor", "senator", "general", "gen", "col", "capt", "chief", "king", "queen",
                    "prince", "princess", "sheikh", "pope", "father", "rev", "judge", "coach"})

# Words of the names of local public bodies, clubs and papers: a town opening such a name is meant,
# small as it is ("Corsicana Police Department", "Lombard Historical Society",
# "Henderson County Commissioners Court").
CIVIC_WORDS = frozenset({
    "police", "sheriff", "sheriff's", "sheriff’s", "fire", "department", "council", "board", "commission",
    "commissioners", "committee", "authority", "court", "club", "society", "association", "chamber", "library",
    "schools", "township", "borough", "herald", "times", "gazette", "tribune", "journal", "crimestoppers",
    "district", "city", "county", "parish", "municipality", "mayor", "coroner",
})

# Head nouns of buildings and institutions: a place named inside such a name ("Percy French
# Hotel", "Marjory Stoneman Douglas High School") is rarely where the name is.
FACILITY_HEADS = frozenset({
    "hotel", "basilica", "cathedral", "church", "chapel", "university", "college", "academy", "stadium",
    "hospital", "school", "airport", "embassy", "ministry", "castle", "mosque", "temple", "synagogue",
    "museum", "club", "centre", "center", "court", "courthouse", "institute",
})

# Last words of the names of streets, squares, grounds and estates: "Royal Street", "Oulton Park".
STREET_HEADS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive", "highway", "square",
    "plaza", "parade", "estate", "park", "racecourse", "prison", "jail", "mall", "theatre", "theater", "arena",
    "cemetery", "hall", "library", "station", "bridge", "market", "farm", "farms", "campus", "palace",
})

NAME_JOINERS = frozenset({"of", "the", "de", "'s", "’s", "&"})

# Words that may stand before a place at the start of a name ("Northern Illinois University").
NAME_PREFIX_WORDS = NOT_PLACES | frozenset({"northeast", "northwest", "southeast", "southwest", "mid"})



def capitalised(token: Token) -> bool:
    """A word written with a capital and with letters in it ("Baku", "U.S.", not "2018")."""
    return token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)
