"""The information bank (bilgi bankası) and protocol seating: people, organisations, roles, events."""
