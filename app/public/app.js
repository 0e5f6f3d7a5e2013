/* The invoice list's few interactions: selection, actions, and live progress over server-sent events. */
/* global document, window, fetch, EventSource, prompt, CSS */
'use strict';

(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const selected = new Set();
  const panel = document.getElementById('job');

  function picks() {
    return Array.from(document.querySelectorAll('input.pick'));
  }

  function refreshCount() {
    const counter = document.getElementById('selected-count');
    if (counter)
      counter.textContent = (counter.dataset.template ?? '{n}').replace('{n}', String(selected.size));
  }

  function bindRow(row) {
    const box = row.querySelector('input.pick');
    if (!box) return;
    box.checked = selected.has(box.value);
    box.addEventListener('change', () => {
      if (box.checked) selected.add(box.value);
      else selected.delete(box.value);
      refreshCount();
    });
  }

  document.querySelectorAll('tr[data-key]').forEach(bindRow);
  document.getElementById('pick-all')?.addEventListener('change', (event) => {
    for (const box of picks()) {
      box.checked = event.target.checked;
      if (box.checked) selected.add(box.value);
      else selected.delete(box.value);
    }
    refreshCount();
  });

  async function post(path, body) {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({ error: response.statusText }));
    if (!response.ok) throw new Error(data.error ?? response.statusText);
    return data;
  }

  function showMessage(text, isError) {
    if (!panel) return;
    panel.hidden = false;
    panel.innerHTML = '';
    const p = document.createElement('p');
    p.className = isError ? 'error' : 'done';
    p.id = isError ? 'action-error' : 'action-message';
    p.textContent = text;
    panel.appendChild(p);
  }

  function follow(jobId) {
    if (!panel) return;
    panel.hidden = false;
    const source = new EventSource(`/api/jobs/${encodeURIComponent(jobId)}/events`);
    source.addEventListener('update', (event) => {
      const data = JSON.parse(event.data);
      panel.innerHTML = data.html;
      panel.dataset.state = data.state;
      if (data.state === 'done' || data.state === 'failed') source.close();
    });
    source.addEventListener('rows', (event) => {
      const data = JSON.parse(event.data);
      for (const row of data.rows) {
        const old = document.querySelector(`tr[data-key="${CSS.escape(row.key)}"]`);
        if (!old) continue;
        const holder = document.createElement('tbody');
        holder.innerHTML = row.html;
        const fresh = holder.firstElementChild;
        if (!fresh) continue;
        old.replaceWith(fresh);
        bindRow(fresh);
      }
    });
    source.onerror = () => {
      if (panel.dataset.state === 'done' || panel.dataset.state === 'failed') source.close();
    };
  }

  async function act(button) {
    const action = button.dataset.action;
    const keys = Array.from(selected);
    if (keys.length === 0) {
      showMessage(panel?.dataset.nothing ?? 'Select an invoice', true);
      return;
    }
    try {
      if (action === 'sync' || action === 'print') {
        const started = await post(`/api/${action}`, { keys });
        follow(started.jobId);
      } else if (action === 'zip') {
        const form = document.getElementById('zip-form');
        form.querySelector('input[name="keys"]').value = keys.join(',');
        form.submit();
      } else if (action === 'label' || action === 'unlabel') {
        const label = prompt(button.dataset.prompt ?? '');
        if (label === null) return;
        await post('/api/labels', { keys, label, remove: action === 'unlabel' });
        window.location.reload();
      } else if (action === 'declare') {
        const period = prompt(button.dataset.prompt ?? '');
        if (period === null) return;
        await post('/api/declaration', { keys, period: period.trim() === '' ? null : period.trim() });
        window.location.reload();
      } else if (action === 'hide-warning') {
        const code = prompt(button.dataset.prompt ?? '');
        if (code === null) return;
        const reason = prompt(button.dataset.prompt2 ?? '');
        if (reason === null) return;
        await post('/api/hide-warning', { keys, code, reason });
        window.location.reload();
      }
    } catch (error) {
      showMessage(error.message, true);
    }
  }

  document.querySelectorAll('button[data-action]').forEach((button) => {
    button.addEventListener('click', () => act(button));
  });

  // A run started elsewhere (another tab, before this page loaded): show it and follow it.
  if (panel) {
    fetch('/api/jobs/current')
      .then((response) => response.json())
      .then((data) => {
        if (data.jobId) follow(data.jobId);
      })
      .catch(() => undefined);
  }
})();
