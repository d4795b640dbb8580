"""Every governance model, for Django's app registry (it imports `governance.models`). Code imports a
model from its area (`governance.meetings.models`), never from here: import-linter checks it."""
from governance.bodies.models import Body, Membership  # noqa: F401
from governance.documents.models import Document, DocumentVersion  # noqa: F401
from governance.elections.models import Ballot, Election, ElectionDecision  # noqa: F401
from governance.meetings.models import AgendaItem, Attendance, Meeting, MeetingAttachment, Minutes  # noqa: F401
from governance.meetings.series import AgendaTemplateItem, AgendaTopic, MeetingSeries  # noqa: F401
from governance.networks.models import Conference, ConferenceRegistration, JoinRequest, Proposal  # noqa: F401
from governance.news.models import NewsItem  # noqa: F401
from governance.notifications.models import Digest, Notification, NotificationPreference  # noqa: F401
from governance.people.models import (  # noqa: F401
    Delegation,
    ExternalIdentity,
    Organisation,
    OrganisationClaimMapping,
    User,
)
from governance.records.models import (  # noqa: F401
    Archivist,
    CullingItem,
    CullingList,
    Decision,
    DecisionSeries,
    RetentionClass,
    RetentionRule,
)
from governance.reports.models import G7Report  # noqa: F401
