"""The one field of every two-step sign-in form: the code the authenticator app shows."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CODE_DIGITS = 6


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "size": 8,
            }
        ),
    )

    def clean_code(self) -> str:
        """Accept six digits; spaces (as some apps show the code) are dropped."""
        code = re.sub(r"\s", "", self.cleaned_data["code"])
        if not re.fullmatch(rf"[0-9]{{{CODE_DIGITS}}}", code):
            raise ValidationError(_("Enter the 6 digits the app shows."), code="malformed")
        return code
