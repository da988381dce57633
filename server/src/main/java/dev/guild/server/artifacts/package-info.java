/**
 * Artifacts over HTTP: {@code GET /api/artifacts/{sha256}/{name}} serves what tools stored in the artifact store
 * (decks, thumbnails, invites, fetched documents) with headers that keep stored HTML or SVG from running script in
 * the platform's origin. docs/tools.md, section "Artifacts".
 */
package dev.guild.server.artifacts;
