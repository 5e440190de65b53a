package campfire.web;

/** The web toolkit every feature renders and guards with: templates, assets, signing, CSRF tokens, client addresses. */
public record Web(Pages pages, Assets assets, Signer signer, Csrf csrf, ClientIp clientIp) {}
