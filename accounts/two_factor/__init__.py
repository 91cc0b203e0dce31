"""Two-step sign-in: a time-based code (TOTP, RFC 6238) from an authenticator app, after the
password (issue 13). Built on django-otp: its `TOTPDevice` holds the secret, its
`OTPMiddleware` marks a session verified, its throttling slows down guessing.

- `services`: who must use it (`TWO_FACTOR_REQUIRED_ROLES`), what a session still owes,
  enrolment, verification, removal and the administrators' reset;
- `middleware`: the one place that holds a session back until its two-step sign-in is done;
- `views`, `urls`, `forms`: the user's own page (enrol, remove) and the verification step;
- `admin`: the devices, for national administrators only (the reset after a lost phone).
"""
