"""Keep an uploaded roster between its preview and its confirmation.

The file waits under `settings.ROSTER_UPLOAD_DIR` (one private folder per install) under a
random token; the token is stored in the uploader's session and the directory name carries the
user's id, so another user (or another session) cannot confirm it. The view drops the file once
it is imported or refused; files older than a day are swept on each upload and by the
`purge_uploads` command (run from cron), for previews that were never confirmed.
"""

import secrets
import shutil
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.backends.base import SessionBase
from django.core.files.uploadedfile import UploadedFile

SESSION_KEY = "roster_uploads"
MAX_AGE_SECONDS = 24 * 3600


def upload_root() -> Path:
    root = Path(settings.ROSTER_UPLOAD_DIR)
    if not root.is_dir():
        root.mkdir(mode=0o700, parents=True)
        root.chmod(0o700)  # mkdir's mode is narrowed by the umask, never widened: make it exact
    return root


def keep_upload(upload: UploadedFile, *, user: AbstractBaseUser, session: SessionBase) -> str:
    """Store `upload` for `user`; return the token that names it."""
    purge_uploads()
    token = secrets.token_urlsafe(24)
    path = _path(user, token)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    session[SESSION_KEY] = {**session.get(SESSION_KEY, {}), token: upload.name}
    return token


def kept_upload(token: str, *, user: AbstractBaseUser, session: SessionBase) -> Path | None:
    """Return the path of the user's kept upload, or None if it is not theirs or is gone."""
    if token not in session.get(SESSION_KEY, {}):
        return None
    path = _path(user, token)
    return path if path.exists() else None


def drop_upload(token: str, *, user: AbstractBaseUser, session: SessionBase) -> None:
    uploads = dict(session.get(SESSION_KEY, {}))
    uploads.pop(token, None)
    session[SESSION_KEY] = uploads
    _path(user, token).unlink(missing_ok=True)


def _path(user: AbstractBaseUser, token: str) -> Path:
    # token_urlsafe never contains a path separator; the check keeps a forged one out.
    if not token.replace("-", "").replace("_", "").isalnum():
        token = "invalid"
    return upload_root() / f"user-{user.pk}" / token


def purge_uploads(*, older_than_seconds: float = MAX_AGE_SECONDS) -> int:
    """Delete kept uploads last written more than `older_than_seconds` ago; return how many."""
    limit = time.time() - older_than_seconds
    purged = 0
    for path in upload_root().glob("user-*/*"):
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            purged += 1
    for folder in upload_root().glob("user-*"):
        if folder.is_dir() and not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)
    return purged
