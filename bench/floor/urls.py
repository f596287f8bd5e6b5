"""The floor's one view: a fixed page of FLOOR_BYTES bytes (the article page's size), built once."""

import os

from django.http import HttpResponse
from django.urls import path

HEAD = b"<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>Floor</title></head><body><p>"
TAIL = b"</p></body></html>\n"
SIZE = min(max(int(os.environ.get("FLOOR_BYTES", "20000")), len(HEAD) + len(TAIL)), 1_000_000)
PAGE = HEAD + b"x" * (SIZE - len(HEAD) - len(TAIL)) + TAIL


def page(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", page)]
