"""Signals other apps listen to (the assessments app never calls a feature directly).

``attempt_passed(sender=Attempt, user=<User>, quiz=<Quiz>, attempt=<Attempt>)`` is sent after the
transaction that graded a passing attempt has been committed — once per passing attempt. A learning
feature marks its lesson or course step done, or issues a certificate, from its own handler.
"""

from django.dispatch import Signal

attempt_passed = Signal()
