"""Calculators and data access for the alemtuzumab knowledge base."""
