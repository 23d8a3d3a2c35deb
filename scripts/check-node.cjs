'use strict';
// Run first by npm start, npm test and the other commands that need a recent Node, so an old Node stops with one
// sentence instead of a syntax or missing-API error deep inside vite. Kept to syntax and APIs every Node has.

// vite 8 and oxlint need ^20.19 || >=22.12 (zlib.crc32, used by the build, arrived in 20.15).
function isSupportedNode(version) {
  const parts = String(version).replace(/^v/, '').split('.');
  const major = Number(parts[0]);
  const minor = Number(parts[1] || 0);
  if (!(major >= 0) || !(minor >= 0)) return false;
  if (major === 20) return minor >= 19;
  if (major === 22) return minor >= 12;
  return major > 22;
}

function refusal(version) {
  return 'Connect DevTools needs Node 20.19+ or 22.12+ (this is Node ' + String(version).replace(/^v/, '') +
    '): install a newer Node and run the command again.';
}

module.exports = { isSupportedNode: isSupportedNode, refusal: refusal };

if (require.main === module && !isSupportedNode(process.versions.node)) {
  console.error(refusal(process.versions.node));
  process.exit(1);
}
