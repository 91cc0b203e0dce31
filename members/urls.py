"""HTML pages of the members app; each area of work keeps its routes in its own module."""

from members.urls_admission import urlpatterns as admission_patterns
from members.urls_people import urlpatterns as people_patterns
from members.urls_roster import urlpatterns as roster_patterns

app_name = "members"

urlpatterns = [*people_patterns, *admission_patterns, *roster_patterns]
