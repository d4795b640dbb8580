"""The claims the test provider vouches for: name, e-mail, user name, and the organisation — the
value of the user's first group (Django's auth groups), as an agency's directory would send it."""
from oauth2_provider.oauth2_validators import OAuth2Validator


class AgencyClaims(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "organisation": "profile"}

    def get_additional_claims(self, request):
        user = request.user
        claims = {
            "given_name": user.first_name,
            "family_name": user.last_name,
            "preferred_username": user.username,
            "email": user.email,
        }
        group = user.groups.order_by("name").first()
        if group is not None:
            claims["organisation"] = group.name
        return claims

    # prompt=none (the portal's session check): django-oauth-toolkit leaves these to the deployment.
    # Its authorization view answers login_required itself when nobody is signed in here (or the
    # account is disabled: Django then sees nobody); reaching these means a signed-in, active person,
    # and the agency's clients need no consent screen (skip_authorization).
    def validate_silent_login(self, request):
        return True

    def validate_silent_authorization(self, request):
        return True
