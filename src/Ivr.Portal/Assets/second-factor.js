// Passkeys on the second-factor and enrolment pages: ask the server for options, let the browser's
// authenticator answer, send the answer back. No inline script: the content security policy allows none.
(() => {
    'use strict';
    const token = () => document.querySelector('input[name="__RequestVerificationToken"]').value;
    const status = document.getElementById('passkey-status');
    const say = (text) => { if (status) { status.textContent = text; } };

    async function post(url, body) {
        const response = await fetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token() },
            body: JSON.stringify(body ?? {}),
        });
        if (!response.ok) {
            throw new Error(`the server answered ${response.status}`);
        }
        return response.json();
    }

    const use = document.getElementById('passkey-use');
    if (use) {
        use.addEventListener('click', async () => {
            say('Waiting for your passkey…');
            try {
                const options = PublicKeyCredential.parseRequestOptionsFromJSON(await post('/api/second-factor/passkey/assertion-options'));
                const credential = await navigator.credentials.get({ publicKey: options });
                const result = await post('/api/second-factor/passkey/assertion', credential.toJSON());
                window.location.assign(result.next);
            } catch (error) {
                say(`The passkey did not sign you in (${error.message}). Try again or type a code.`);
            }
        });
    }

    const register = document.getElementById('passkey-register');
    if (register) {
        register.addEventListener('click', async () => {
            say('Follow your browser or device to make the passkey…');
            try {
                const options = PublicKeyCredential.parseCreationOptionsFromJSON(await post('/api/second-factor/passkey/registration-options'));
                const credential = await navigator.credentials.create({ publicKey: options });
                const name = document.getElementById('passkey-name').value;
                const result = await post('/api/second-factor/passkey/registration', { name, credential: credential.toJSON() });
                const list = document.getElementById('passkey-recovery-codes');
                for (const code of result.recoveryCodes) {
                    const item = document.createElement('li');
                    item.textContent = code;
                    list.appendChild(item);
                }
                document.getElementById('passkey-recovery').hidden = result.recoveryCodes.length === 0;
                const next = document.getElementById('passkey-next');
                next.href = result.next;
                next.hidden = false;
                say('Passkey registered.');
            } catch (error) {
                say(`The passkey was not registered (${error.message}).`);
            }
        });
    }
})();
