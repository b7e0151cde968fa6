"""Printing: page geometry, card rendering with reportlab, fonts, QR codes."""
