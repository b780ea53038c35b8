"""Reaching the team's remote: credentials from the SSH agent or the system keyring (never from the
library or the repository), and libgit2's network errors said in words the writer can act on."""

from __future__ import annotations

import urllib.parse

import pygit2

from editor.core.errors import TeamError, TeamUnreachableError

KEYRING_SERVICE = "ktav-team"
MAX_ATTEMPTS = 2  # libgit2 asks again after a refused credential; a third try would only loop
CONNECT_TIMEOUT_MS = 15_000
SERVER_TIMEOUT_MS = 60_000
# Words in libgit2's messages that mean the remote was not reached (or refused us), not a bug here.
_UNREACHABLE = ("resolve", "connect", "refused", "timed out", "timeout", "unreachable", "could not find repository",
                "not found", "no such file", "does not appear to be a git repository", "failed to send request",
                "ssl", "certificate", "network", "host", "early eof", "unexpected disconnect", "closed",
                "authentication", "credentials", "permission", "forbidden", "401", "403", "404",
                "unsupported url protocol", "invalid url")


def host_of(url: str) -> str:
    parsed = urllib.parse.urlparse(url)
    if parsed.hostname:
        return parsed.hostname
    if "@" in url and ":" in url.split("@", 1)[1]:  # git@host:team/blog.git
        return url.split("@", 1)[1].split(":", 1)[0]
    return url


def save_password(url: str, username: str, password: str) -> None:
    """Keep an HTTPS user name and password (or token) for `url`'s host in the system keyring."""
    import keyring

    try:
        keyring.set_password(f"{KEYRING_SERVICE}:{host_of(url)}", username, password)
    except Exception as error:  # keyring's backends raise their own kinds
        raise TeamError(f"the password cannot be kept in the system keyring ({error})",
                        "לא ניתן לשמור את הסיסמה במחזיק הסיסמאות של המערכת") from error


def _from_keyring(url: str, username: str | None) -> tuple[str, str] | None:
    try:
        import keyring

        found = keyring.get_credential(f"{KEYRING_SERVICE}:{host_of(url)}", username)
    except Exception:  # no keyring on this system: as if it held nothing
        return None
    return (found.username, found.password) if found is not None else None


class Callbacks(pygit2.RemoteCallbacks):
    """Credentials on demand, and whether the remote refused a reference update (someone pushed first)."""

    def __init__(self) -> None:
        super().__init__()
        self.attempts = 0
        self.rejected: list[str] = []

    def credentials(self, url, username_from_url, allowed_types):
        self.attempts += 1
        if self.attempts > MAX_ATTEMPTS:
            raise TeamUnreachableError(f"{url}: the credentials were refused",
                                       f"{url}: פרטי הגישה נדחו; בדקו את מפתח ה-SSH או את הסיסמה")
        kinds = pygit2.enums.CredentialType
        if allowed_types & kinds.SSH_KEY:
            return pygit2.KeypairFromAgent(username_from_url or "git")
        if allowed_types & kinds.USERPASS_PLAINTEXT:
            found = _from_keyring(url, username_from_url)
            if found is not None:
                return pygit2.UserPass(*found)
        raise TeamUnreachableError(
            f"{url}: the remote asks for a password, and the system keyring has none for it",
            f"{url}: השרת מבקש סיסמה, ואין סיסמה שמורה עבורו במחזיק הסיסמאות של המערכת")

    def push_update_reference(self, refname: str, message: str | None) -> None:
        if message:
            self.rejected.append(f"{refname}: {message}")


def set_timeouts() -> None:
    """An unreachable server is given up on after a while instead of hanging the sync."""
    pygit2.settings.server_connect_timeout = CONNECT_TIMEOUT_MS
    pygit2.settings.server_timeout = SERVER_TIMEOUT_MS


def unreachable(error: Exception, url: str) -> TeamUnreachableError | None:
    """The error as "the remote cannot be reached", when that is what it says; None for anything else."""
    if isinstance(error, TeamUnreachableError):
        return error
    text = str(error)
    if not any(word in text.lower() for word in _UNREACHABLE):
        return None
    return TeamUnreachableError(f"{url}: the team library cannot be reached ({text})",
                                f"לא ניתן להגיע לספרייה המשותפת ({url}).")


def offline(error: TeamUnreachableError) -> TeamUnreachableError:
    """The same, said to a writer whose sync failed: nothing is lost, it goes out later."""
    return TeamUnreachableError(f"{error.message}; your work is kept here and goes out at the next sync",
                                f"{error.message_he} העבודה שלך שמורה כאן, והשינויים יישלחו בסנכרון הבא.")


def is_rejection(error: Exception) -> bool:
    """A push the remote refused because it moved on (someone else pushed first)."""
    text = str(error).lower()
    return any(word in text for word in ("non-fast-forward", "fetch first", "rejected", "not present locally",
                                          "cannot push because a reference that you are trying to update"))
