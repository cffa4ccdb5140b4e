package org.charte.hosting;

/**
 * A certificate, the exact UTF-8 JSON text that was signed ({@code payload}) and its Ed25519
 * signature (base64). Anyone can check it with the platform's public key, here or with any
 * Ed25519 tool.
 */
public record SignedCertificate(DestructionCertificate certificate, String payload, String signature, String algorithm) {}
