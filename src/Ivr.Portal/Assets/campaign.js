// A campaign's page: redraws the progress bar, the counts, the AMD accuracy and each patient's standing and calls from
// the campaign's stream (Server-Sent Events, every few seconds while something changes). No library; text only goes
// into the page as text, never as HTML. A change of the campaign's state (the dialler finished it, someone paused it
// elsewhere) reloads the page, so its buttons are the ones that apply.
(() => {
    'use strict';
    const table = document.getElementById('patients');
    const badge = document.getElementById('campaign-state');
    const status = document.getElementById('live-status');
    if (!table || !badge || !window.EventSource) {
        return;
    }

    const id = table.dataset.campaignId;
    const zone = table.dataset.timeZone || 'UTC';
    const tokenInput = document.querySelector('input[name="__RequestVerificationToken"]');

    const when = (at) => {
        if (!at) {
            return '';
        }
        try {
            const parts = new Intl.DateTimeFormat('en-CA', {
                year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: zone,
            }).formatToParts(new Date(at));
            const part = (type) => (parts.find((p) => p.type === type) || {}).value || '';
            return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
        } catch {
            return new Date(at).toISOString().substring(0, 16).replace('T', ' ') + ' UTC';
        }
    };

    const words = (value) => (value ? value.replaceAll('-', ' ') : 'in progress');

    const set = (elementId, value) => {
        const element = document.getElementById(elementId);
        if (element) {
            element.textContent = String(value);
        }
    };

    const span = (className, text) => {
        const s = document.createElement('span');
        s.className = className;
        s.textContent = text;
        return s;
    };

    const form = (handler, query) => {
        const f = document.createElement('form');
        f.method = 'post';
        f.action = `/campaigns/${id}?handler=${handler}&${query}`;
        if (tokenInput) {
            const token = document.createElement('input');
            token.type = 'hidden';
            token.name = tokenInput.name;
            token.value = tokenInput.value;
            f.append(token);
        }
        return f;
    };

    const button = (name, value, className, text) => {
        const b = document.createElement('button');
        b.type = 'submit';
        if (name) {
            b.name = name;
            b.value = value;
        }
        b.className = className;
        b.textContent = text;
        return b;
    };

    const attemptItem = (a) => {
        const li = document.createElement('li');
        li.dataset.attemptId = a.id;
        li.dataset.result = a.result || '';
        li.dataset.amdLabel = a.amdLabel || '';
        li.append(`${when(a.startedAt)}: `);
        const result = document.createElement('strong');
        result.textContent = words(a.result);
        li.append(result);
        if (a.amdStatus) {
            li.append(span('amd', ` · AMD ${a.amdStatus}${a.amdCause ? ` (${a.amdCause})` : ''}`));
        }
        li.append(document.createElement('br'), span('muted rule', `${a.rule}: ${a.why}`));
        if (a.detail) {
            li.append(document.createElement('br'), span('muted detail', a.detail));
        }
        if (a.amdStatus) {
            const f = form('Amd', `attemptId=${a.id}`);
            f.className = 'amd-label';
            if (a.amdLabel) {
                f.append(span('badge amd-labelled', `labelled: AMD was ${a.amdLabel}`), ' ');
            }
            f.append(button('label', 'right', 'secondary amd-right', 'AMD was right'), ' ', button('label', 'wrong', 'secondary amd-wrong', 'AMD was wrong'));
            li.append(f);
        }
        return li;
    };

    const renderPatient = (row, p) => {
        row.dataset.progress = p.progress;
        const standing = row.querySelector('td.progress');
        const stand = document.createDocumentFragment();
        stand.append(span('progress-words', p.progressWords));
        if (p.confirmedHow) {
            stand.append(document.createElement('br'), span('muted confirmed-how', `${p.confirmedHow}, ${when(p.confirmedAt)}`));
        }
        if (p.slot) {
            stand.append(document.createElement('br'), span('muted slot', `slot ${p.slot.startsAt.substring(0, 16).replace('T', ' ')}${p.slot.clinician ? ` with ${p.slot.clinician}` : ''}`));
        }
        if (p.heldBy) {
            stand.append(document.createElement('br'), span('muted held', `held back by ${p.heldBy}: ${p.heldWhy || ''}`));
        }
        standing.replaceChildren(stand);
        const calls = row.querySelector('td.attempts');
        const list = document.createElement('ol');
        for (const a of p.attempts) {
            list.append(attemptItem(a));
        }
        calls.replaceChildren(...(p.attempts.length === 0 ? [span('muted', 'none yet')] : []), list);
        const action = row.cells[row.cells.length - 1];
        if (p.canMarkConfirmed) {
            if (!action.querySelector('form')) {
                const f = form('Confirm', `patientId=${p.id}`);
                f.append(button(null, null, 'secondary mark-confirmed', 'Mark confirmed (reached at the front desk)'));
                action.replaceChildren(f);
            }
        } else {
            action.replaceChildren();
        }
    };

    const render = (campaign) => {
        const c = campaign.campaign;
        if (c.state !== badge.dataset.state) {
            window.location.reload();
            return;
        }
        const n = c.counts;
        const done = n.patients === 0 ? 0 : Math.round((100 * n.done) / n.patients);
        const bar = document.getElementById('campaign-progress');
        if (bar) {
            bar.value = done;
            bar.textContent = `${done} %`;
        }
        set('count-done', n.done);
        set('count-patients', n.patients);
        set('count-confirmed', n.confirmed);
        set('count-rescheduled', n.rescheduled);
        set('count-voicemail-left', n.voicemailLeft);
        set('count-trying', n.trying);
        set('count-waiting', n.waiting);
        set('count-opted-out', n.optedOut);
        set('count-needs-office-call', n.needsOfficeCall);
        set('count-exhausted', n.exhausted);
        set('count-failed', n.failedAttempts);
        set('count-attempts', n.attempts);
        const amd = campaign.amd;
        const summary = document.getElementById('amd-summary');
        if (summary) {
            summary.textContent = amd.labelled === 0
                ? `No AMD result labelled yet (${amd.withAmd} call(s) with one). Label calls below as AMD right or wrong to measure it.`
                : `AMD was right on ${amd.right} of ${amd.labelled} labelled call(s): ${Math.round(amd.share * 100)} %.`;
        }
        const rows = new Map([...table.tBodies[0].rows].map((r) => [r.dataset.patientId, r]));
        for (const p of campaign.patients) {
            const row = rows.get(String(p.id));
            if (row) {
                renderPatient(row, p);
            }
        }
        status.textContent = `Updated ${when(new Date().toISOString())} on the patients' clock.`;
    };

    const events = new EventSource(`/api/campaigns/${id}/events`);
    events.addEventListener('progress', (e) => render(JSON.parse(e.data)));
    events.addEventListener('expired', () => {
        events.close();
        window.location.assign('/signin?idle=true');
    });
    events.onerror = () => {
        if (events.readyState === EventSource.CLOSED) {
            status.textContent = 'Not updating: reload the page.';
        }
    };
})();
