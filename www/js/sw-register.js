// Registers the service worker that keeps the site usable offline. Only on http(s): the
// single-file build, opened from disk, has nothing to cache and no worker file.
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  if (document.getElementById('worker-source')) return;
  navigator.serviceWorker.register('sw.js').catch(() => {
    // Offline use is a bonus; the page works the same without it.
  });
}
