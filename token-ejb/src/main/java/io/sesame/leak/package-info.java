/**
 * Leaked-key reporting: GitHub's secret scanning partner program (signed reports of {@code sesame_} keys found in
 * public code) and any other scanner through an admin endpoint. A reported key whose secret is genuine is revoked or
 * suspended at once, recorded as {@code key.leak-reported} naming where it was found, and alerted to its owner.
 * Uses token, audit, platform.
 */
package io.sesame.leak;
