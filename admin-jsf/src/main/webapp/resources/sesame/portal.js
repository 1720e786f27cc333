// Sesame admin portal behaviour, loaded as a file (the Content Security Policy allows no inline script).
(function () {
  'use strict';

  // Copy buttons: <button data-copy="elementId">
  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy]');
    if (!button) { return; }
    event.preventDefault();
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) { return; }
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      var label = button.textContent;
      button.textContent = 'Copied';
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });

  function chart(element, option) {
    if (typeof echarts === 'undefined') { return; }
    var instance = echarts.init(element, null, { renderer: 'canvas' });
    instance.setOption(option);
    window.addEventListener('resize', function () { instance.resize(); });
  }

  // Charts read their data from data-* attributes written by the server.
  document.addEventListener('DOMContentLoaded', function () {
    var activity = document.getElementById('activity-chart');
    if (activity) {
      var a = JSON.parse(activity.getAttribute('data-series'));
      chart(activity, {
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { data: ['Calls', 'Sends', 'Denials', 'Deliveries', 'Bounces', 'Complaints'] },
        grid: { left: 48, right: 16, top: 40, bottom: 28 },
        xAxis: { type: 'category', data: a.days },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: 'Calls', type: 'bar', data: a.calls, itemStyle: { color: '#8c959f' } },
          { name: 'Sends', type: 'bar', data: a.sends, itemStyle: { color: '#0b5fff' } },
          { name: 'Denials', type: 'bar', data: a.denials, itemStyle: { color: '#cf222e' } },
          { name: 'Deliveries', type: 'line', data: a.deliveries, itemStyle: { color: '#1a7f37' } },
          { name: 'Bounces', type: 'line', data: a.bounces, itemStyle: { color: '#9a6700' } },
          { name: 'Complaints', type: 'line', data: a.complaints, itemStyle: { color: '#8250df' } }
        ]
      });
    }
    var usage = document.getElementById('usage-chart');
    if (usage) {
      var u = JSON.parse(usage.getAttribute('data-series'));
      chart(usage, {
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { data: ['Allowed', 'Denied'] },
        grid: { left: 48, right: 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: u.days },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: 'Allowed', type: 'bar', stack: 'calls', data: u.allowed, itemStyle: { color: '#0b5fff' } },
          { name: 'Denied', type: 'bar', stack: 'calls', data: u.denied, itemStyle: { color: '#cf222e' } }
        ]
      });
    }
    var reputation = document.getElementById('reputation-chart');
    if (reputation) {
      var r = JSON.parse(reputation.getAttribute('data-series'));
      chart(reputation, {
        animation: false,
        tooltip: { trigger: 'axis', valueFormatter: function (v) { return v == null ? '—' : v + ' %'; } },
        legend: { data: ['Bounce rate', 'Complaint rate'] },
        grid: { left: 48, right: 16, top: 40, bottom: 28 },
        xAxis: { type: 'category', data: r.days },
        yAxis: { type: 'value', axisLabel: { formatter: '{value} %' } },
        series: [
          { name: 'Bounce rate', type: 'line', connectNulls: true, data: r.bounceRate, itemStyle: { color: '#9a6700' },
            markLine: { symbol: 'none', label: { position: 'insideEndTop', formatter: 'AWS review ' + r.bounceThreshold + ' %' },
                        lineStyle: { color: '#cf222e', type: 'dashed' }, data: [{ yAxis: r.bounceThreshold }] } },
          { name: 'Complaint rate', type: 'line', connectNulls: true, data: r.complaintRate, itemStyle: { color: '#8250df' },
            markLine: { symbol: 'none', label: { position: 'insideEndTop', formatter: 'AWS review ' + r.complaintThreshold + ' %' },
                        lineStyle: { color: '#8250df', type: 'dashed' }, data: [{ yAxis: r.complaintThreshold }] } }
        ]
      });
    }
  });
}());
