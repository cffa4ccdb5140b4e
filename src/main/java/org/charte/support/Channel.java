package org.charte.support;

/** How a support request reached us (policy §4.1: customer service by mail, phone, email or chat). */
public enum Channel { POST, PHONE, EMAIL, CHAT }
