// The idle sign-out: the server forgets a session after the idle timeout, and this takes the page's
// patient data off the screen then too. A minute before, it says so (role=alert) and offers to stay
// signed in, which any request does; pages that talk to the server themselves (the desk) dispatch
// 'portal:active' on the document after each request so the count starts again. (A meta refresh did
// this before, but it gave no warning and no way to ask for more time.)
(() => {
    'use strict';
    const seconds = Number(document.body.dataset.idleSeconds);
    const warning = document.getElementById('idle-warning');
    const stay = document.getElementById('idle-stay');
    if (!seconds || !warning || !stay) {
        return;
    }

    const warnBefore = Math.min(60, seconds / 2);
    let warn = 0;
    let end = 0;
    const signIn = () => window.location.assign('/signin?idle=true');
    const arm = () => {
        clearTimeout(warn);
        clearTimeout(end);
        warning.hidden = true;
        warn = setTimeout(() => {
            warning.hidden = false;
        }, (seconds - warnBefore) * 1000);
        end = setTimeout(signIn, (seconds + 5) * 1000);
    };

    stay.addEventListener('click', async () => {
        try {
            const response = await fetch('/api/session', { credentials: 'same-origin' });
            if (response.ok) {
                arm();
                return;
            }
        } catch {
            // Fall through: a session that cannot be renewed ends.
        }
        signIn();
    });
    document.addEventListener('portal:active', arm);
    arm();
})();
