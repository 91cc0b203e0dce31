"""Routes of the admission pages (members namespace)."""

from django.urls import path

from members.views import admission

urlpatterns = [
    path("admissions/", admission.case_list, name="case_list"),
    path("admissions/new/", admission.case_open, name="case_open"),
    path("admissions/<int:pk>/", admission.case_detail, name="case_detail"),
    path("admissions/<int:pk>/steps/", admission.case_record_step, name="case_record_step"),
    path("admissions/<int:pk>/close/", admission.case_close, name="case_close"),
]
