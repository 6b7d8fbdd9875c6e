"""Local voices: narration recorded at the learning point, heard in the learner's language.

The *hearing* language is chosen apart from the text language. Narration plays a line in
the hearing language where a recording of it exists, else the Vietnamese file, else a
system voice reads the screen's text: never silence.

- ``languages``: the languages a learner may hear, as data (a folder per language with
  ``language.yaml``, a picture and a sample clip), shipped under ``kiosk/resources/voices``
  and added by voice packs; a new language needs no code.
- ``store``: the recordings kept on this kiosk, ``<data>/voices/<lang>/<scope>/<id>.opus``
  with ``clips.json``; apart from the database, never linked to a learner, removable.
  Each clip remembers a fingerprint of the Vietnamese text it was recorded for, so a clip
  for a line that has since changed is reported out of date and not played.
- ``processing``: trim silence, normalise loudness, encode Opus (PyAV + NumPy, no Qt).
- ``template``: the recording script of a language, and importing a folder recorded from it.
- ``packs`` (``packs_read``, ``packs_install``): signed voice packs between kiosks,
  installed by an atomic swap with the old copy kept. ``ops``: the staff screens'
  operations; ``cli``: ``kiosk voices``. See docs/voices.md.
"""
