"""Notes on which holidays were counted: the authority's region and its default."""

from foidesk.core.i18n import N_

REGION_USED = N_("Holidays of {region}, where the authority is, are counted.")
REGION_DEFAULT = N_(
    "No region is set for the authority, so the holidays of {region} are counted: {why}."
)
REGION_NATIONAL = N_(
    "No region is set for the authority, so only nationwide holidays are counted: {why}."
)
REGION_NOT_USED = N_("The authority's region ({region}) does not change the count: {why}.")
REGION_ELSEWHERE = N_(
    "The authority's region ({region}) is not in {country}, so it is not used for this law."
)
