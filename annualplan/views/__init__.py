"""The operating plan's views, one module per area: plans (the plan and its activities), workflow
(consultation, votes, follow-up, versions, exports), projects (development projects and funds) and
unit_plans (the organisations' action plans and the evaluation). annualplan/urls.py names them."""
