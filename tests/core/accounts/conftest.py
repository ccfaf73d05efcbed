from account_fixtures import *  # noqa: F403
