// The live view: redraws the calls and the operator desk from each snapshot the server pushes
// (Server-Sent Events), and ticks the lengths and waits every second. No library; text only goes into the page as text, never as HTML.
(() => {
    'use strict';
    const table = document.getElementById('live-calls');
    const status = document.getElementById('live-status');
    if (!table || !status) {
        return;
    }

    const body = table.tBodies[0];
    const everyPractice = table.dataset.everyPractice === 'true';
    const showsCaller = table.dataset.caller === 'true';
    const columns = table.tHead.rows[0].cells.length;
    let skew = 0; // server clock minus this browser's, so lengths agree with the server's

    const cell = (row, text, className) => {
        const td = row.insertCell();
        td.textContent = text;
        if (className) {
            td.className = className;
        }
        return td;
    };

    const started = (call) => {
        try {
            return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: call.timeZone || 'UTC' })
                .format(new Date(call.startedAt));
        } catch {
            return new Date(call.startedAt).toISOString().substring(11, 19);
        }
    };

    const length = (startedAt) => {
        const seconds = Math.max(0, Math.floor((Date.now() + skew - Date.parse(startedAt)) / 1000));
        return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    };

    const deskWaiting = document.getElementById('desk-waiting');
    const deskOperators = document.getElementById('desk-operators');
    const deskCount = document.getElementById('desk-waiting-count');
    const deskLongest = document.getElementById('desk-longest');
    // Only for users of every practice: the callers waiting at other service processes' desks.
    const elsewhereCount = document.getElementById('desk-elsewhere-count');
    const elsewhereLongest = document.getElementById('desk-elsewhere-longest');

    const empty = (text, span) => {
        const row = document.createElement('tr');
        row.className = 'none';
        cell(row, text, 'empty').colSpan = span;
        return row;
    };

    const words = (status) => status.replaceAll('-', ' ');

    // The desk's section exists only when the page was drawn with the desk running; a host without the
    // desk never starts one, so there is nothing to redraw.
    const renderDesk = (desk) => {
        if (!desk || !desk.running || !deskWaiting || !deskOperators) {
            return;
        }
        deskCount.textContent = String(desk.waiting.length);
        deskLongest.dataset.since = desk.longestWaitingSince || '';
        deskLongest.textContent = desk.longestWaitingSince ? length(desk.longestWaitingSince) : 'none';
        if (elsewhereCount && elsewhereLongest) {
            elsewhereCount.textContent = String(desk.elsewhereWaiting);
            elsewhereLongest.dataset.since = desk.elsewhereLongestSince || '';
            elsewhereLongest.textContent = desk.elsewhereLongestSince ? length(desk.elsewhereLongestSince) : 'none';
        }
        const waiting = document.createDocumentFragment();
        for (const caller of desk.waiting) {
            const row = document.createElement('tr');
            row.dataset.callId = caller.callId;
            row.dataset.priority = caller.priority;
            row.dataset.since = caller.queuedAt;
            cell(row, caller.practiceName);
            cell(row, caller.priority + (caller.line === 'nurses' ? ' · nurse line' : ''), 'priority');
            cell(row, length(caller.queuedAt), 'num length');
            cell(row, caller.offeredTo || 'nobody yet', 'offered-to');
            waiting.append(row);
        }
        if (desk.waiting.length === 0) {
            waiting.append(empty('Nobody is waiting.', 4));
        }
        deskWaiting.tBodies[0].replaceChildren(waiting);
        const operators = document.createDocumentFragment();
        for (const op of desk.operators) {
            const row = document.createElement('tr');
            row.dataset.operator = op.operator;
            row.dataset.status = op.status;
            row.dataset.since = op.since;
            cell(row, op.operator + (op.line === 'nurses' ? ' (nurse)' : ''));
            cell(row, words(op.status) + (op.reason ? ` (${op.reason})` : ''), 'status');
            cell(row, length(op.since), 'num length');
            cell(row, op.callId ? `${op.practiceName} · ${op.callId}` : '', 'call');
            operators.append(row);
        }
        if (desk.operators.length === 0) {
            operators.append(empty('No operator is at the desk.', 4));
        }
        deskOperators.tBodies[0].replaceChildren(operators);
    };

    const channel = (c) =>
        `${c.role === 'physician' ? `physician ${c.attempt}` : c.role} · ${c.state}${c.inConference ? ' · in conference' : ''}`;

    const outsideLine = document.getElementById('live-outside-line');
    const renderOutsideLine = (line) => {
        if (!outsideLine || !line) {
            return;
        }
        outsideLine.dataset.state = line.up ? 'up' : 'down';
        outsideLine.textContent = `Outside line: ${line.description} since ${line.since.substring(11, 16)} UTC`;
    };

    const phoneServers = document.getElementById('live-phone-servers');
    const renderPhoneServers = (servers) => {
        if (!phoneServers) {
            return;
        }
        const items = document.createDocumentFragment();
        for (const server of servers || []) {
            const item = document.createElement('li');
            item.dataset.server = server.name;
            item.dataset.state = server.up ? 'up' : 'down';
            item.textContent = `Asterisk ${server.name}: ${server.description} since ${server.since.substring(11, 16)} UTC`;
            items.appendChild(item);
        }
        phoneServers.replaceChildren(items);
        phoneServers.hidden = !servers || servers.length === 0;
    };

    const render = (snapshot) => {
        skew = Date.parse(snapshot.at) - Date.now();
        renderOutsideLine(snapshot.outsideLine);
        renderPhoneServers(snapshot.phoneServers);
        status.dataset.state = snapshot.amiConnected ? 'live' : 'stale';
        status.textContent = snapshot.amiConnected
            ? 'Calls in progress, updated as they change.'
            : "Asterisk's events are not reaching the service: channels may be out of date.";
        const rows = document.createDocumentFragment();
        for (const call of snapshot.calls) {
            const row = document.createElement('tr');
            row.dataset.callId = call.id;
            row.dataset.state = call.state || '';
            row.dataset.started = call.startedAt;
            if (everyPractice) {
                cell(row, call.practiceName || 'unknown');
            }
            cell(row, started(call));
            cell(row, length(call.startedAt), 'num length');
            cell(row, showsCaller ? (call.caller || 'withheld') : 'hidden', 'caller');
            cell(row, call.status, 'status');
            const legs = cell(row, '', 'channels');
            for (const c of call.channels) {
                const badge = document.createElement('span');
                badge.className = 'badge channel';
                badge.dataset.role = c.role;
                badge.textContent = channel(c);
                legs.append(badge, ' ');
            }
            rows.append(row);
        }
        if (snapshot.calls.length === 0) {
            const row = document.createElement('tr');
            row.className = 'none';
            cell(row, 'No calls in progress.', 'empty').colSpan = columns;
            rows.append(row);
        }
        body.replaceChildren(rows);
        renderDesk(snapshot.desk);
    };

    const signIn = () => window.location.assign('/signin?idle=true');
    const events = new EventSource('/api/live/events');
    events.addEventListener('snapshot', (e) => render(JSON.parse(e.data)));
    // The session ended (idle timeout, or the account changed): the stream never extends it.
    events.addEventListener('expired', () => {
        events.close();
        signIn();
    });
    events.addEventListener('error', () => {
        if (events.readyState === EventSource.CLOSED) {
            signIn();
        } else {
            status.dataset.state = 'reconnecting';
            status.textContent = 'Connection to the service lost; reconnecting…';
        }
    });

    setInterval(() => {
        for (const row of body.rows) {
            const td = row.querySelector('td.length');
            if (td && row.dataset.started) {
                td.textContent = length(row.dataset.started);
            }
        }
        for (const table of [deskWaiting, deskOperators]) {
            for (const row of table ? table.tBodies[0].rows : []) {
                const td = row.querySelector('td.length');
                if (td && row.dataset.since) {
                    td.textContent = length(row.dataset.since);
                }
            }
        }
        if (elsewhereLongest && elsewhereLongest.dataset.since) {
            elsewhereLongest.textContent = length(elsewhereLongest.dataset.since);
        }
        if (deskLongest && deskLongest.dataset.since) {
            deskLongest.textContent = length(deskLongest.dataset.since);
        }
    }, 1000);
})();
