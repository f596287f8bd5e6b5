"""Notifications: who is told what when an article changes state, in the admin and by email.

- models: Notification (one message for one person, with its email delivery state), Preference
  (the per-user email switch), LiveAnnouncement (a scheduled story's going live, announced once)
- events: receivers for the workflow's log and the summary assistant, and who hears about what
- live: noticing that a scheduled story has gone live (nothing happens at that moment by itself)
- delivery, tasks: email through Django's mailers, from the task queue, retried a bounded number of times
- views: the in-admin list, mark read, the email switch
"""
