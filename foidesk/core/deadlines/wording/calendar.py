"""Notes on which holidays were counted: the authority's region and its default."""

REGION_USED = "Holidays of {region}, where the authority is, are counted."
REGION_DEFAULT = (
    "No region is set for the authority, so the holidays of {region} are counted: {why}."
)
REGION_NATIONAL = (
    "No region is set for the authority, so only nationwide holidays are counted: {why}."
)
REGION_NOT_USED = "The authority's region ({region}) does not change the count: {why}."
REGION_ELSEWHERE = (
    "The authority's region ({region}) is not in {country}, so it is not used for this law."
)
